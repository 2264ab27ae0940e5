"""Long fuzz run: the property checks of ``tests/test_fuzz.py`` on many fresh generated programs.

Each program goes through lint and fix (targets 4.57 and 5.24): no exception, no TFL002, every fix
parses alone and together, fixing twice equals fixing once, no fix touches a line outside its
statement, BOM and CRLF kept. On a failure hypothesis shrinks the program and prints it.

    python bench/fuzz.py                          # 5000 Transformers-flavoured programs
    python bench/fuzz.py --examples 20000 --seed 7
    python bench/fuzz.py --kind grammar           # hypothesmith: any program the grammar allows
    python bench/fuzz.py --kind node              # hypothesmith: programs that compile (slower)

The same checks in pytest, fresh examples each run: ``TF_LINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    parser.add_argument("--kind", choices=("programs", "grammar", "node"), default="programs")
    opts = parser.parse_args(argv)

    from hypothesis import HealthCheck, given, seed, settings

    import fuzz_programs
    from test_fuzz import check_program

    if opts.kind == "programs":
        strategy, targets = fuzz_programs.program_files(), ("4.57", "5.24")
    else:
        import hypothesmith

        source = hypothesmith.from_grammar() if opts.kind == "grammar" else hypothesmith.from_node()
        strategy, targets = source.map(lambda s: s.encode("utf-8", "surrogatepass")), ("4.57",)

    stats = {"programs": 0, "fixes": 0}
    start = time.monotonic()

    @settings(max_examples=opts.examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(strategy)
    def run(data):
        stats["fixes"] += check_program(data, targets=targets)
        stats["programs"] += 1
        if stats["programs"] % 250 == 0:
            rate = stats["programs"] / (time.monotonic() - start)
            print(f"{stats['programs']} programs, {stats['fixes']} fixes applied, {rate:.1f}/s", flush=True)

    if opts.seed is not None:
        run = seed(opts.seed)(run)
    run()
    print(f"done: {stats['programs']} programs (shrinking runs included), {stats['fixes']} fixes applied, "
          f"{time.monotonic() - start:.0f} s, no property violated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
