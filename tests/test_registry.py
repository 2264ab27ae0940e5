"""The rule modules' table (tf_lint/rules/__init__.py) that lets a run import only the rule families a
document can concern: every module listed, every line true to its module, and the same rules run."""

import importlib
import os
import subprocess
import sys

import tf_lint.rules as package
from tf_lint.registry import RULES, all_rules, known_codes, rules_for

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_every_rule_module_is_in_the_table():
    folder = os.path.dirname(package.__file__)
    modules = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and name != "__init__.py")
    assert sorted(package.RULE_MODULES) == modules, "add the module's line to RULE_MODULES in tf_lint/rules/__init__.py"


def test_each_line_matches_its_module():
    all_rules()
    for name, (codes, words) in package.RULE_MODULES.items():
        module = f"tf_lint.rules.{name}"
        importlib.import_module(module)
        defined = sorted(code for code, rule in RULES.items() if rule.__module__ == module)
        assert sorted(codes) == defined, (name, codes, defined)
        running = [RULES[code] for code in defined if RULES[code].node_types]
        if words == ():
            assert running == [], f"{name}: its rules run on documents; list the words that concern them"
            continue
        if any(not rule.triggers for rule in running):
            assert words is None, f"{name}: a rule without triggers runs on every document: its words must be None"
            continue
        for rule in running:
            for trigger in rule.triggers:  # a document holding the trigger holds one of the module's words
                assert any(word in trigger for word in words), (name, rule.code, trigger, words)


def test_known_codes_are_every_rule_code():
    assert known_codes() == [rule.code for rule in all_rules()]


def test_rules_for_a_document_are_the_rules_whose_triggers_occur():
    every = all_rules()
    samples = [open(os.path.join(ROOT, "examples", name), encoding="utf-8").read()
               for name in sorted(os.listdir(os.path.join(ROOT, "examples"))) if name.endswith(".py")]
    samples += ["", "x = 1\n", "import os\nos.environ['CUDA_VISIBLE_DEVICES'] = '0'\n",
                "from transformers import TrainingArguments\n", "model.save('x')\n"]
    for text in samples:
        def runs(rule):
            return bool(rule.node_types) and (not rule.triggers or any(t in text for t in rule.triggers))

        assert [r for r in rules_for(text) if runs(r)] == [r for r in every if runs(r)]


def test_a_small_file_imports_only_the_rule_modules_it_can_concern(tmp_path):
    """A file about the environment imports the env rules and not, say, the memory or padding rules (nor
    the version rules: it never names transformers)."""
    path = tmp_path / "a.py"
    path.write_text("import os\nos.environ['HF_HUB_OFFLINE'] = '1'\nimport datasets\n")
    program = (f"import sys\nfrom tf_lint.cli import main\nstatus = main(['--no-cache', {str(path)!r}])\n"
               "print(sorted(m for m in sys.modules if m.startswith('tf_lint.rules.')))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=str(tmp_path),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    imported = eval(done.stdout.strip().splitlines()[-1])
    assert "tf_lint.rules.env" in imported
    assert not {"tf_lint.rules.memory", "tf_lint.rules.padding", "tf_lint.rules.version"} & set(imported)
