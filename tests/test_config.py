"""``[tool.tf-lint]``: which file applies, validation (exit 2 with a precise message), precedence."""

import pytest

from lint_samples import BAD_SAVE
from tf_lint.config import ConfigError, ConfigResolver, Settings, parse_memory


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def codes(out):
    """The codes in concise output, one per finding."""
    return [line.split()[1] for line in out.splitlines() if ": TFL" in line]


# --- which configuration applies ------------------------------------------------------------------

def test_nearest_pyproject_with_a_tf_lint_table_applies_per_file(tmp_path, tf_lint):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint]\nignore = ["TFL201"]\n')
    write(tmp_path / "quiet" / "a.py", BAD_SAVE)
    # A pyproject.toml without the table is skipped: the one above still applies.
    write(tmp_path / "quiet" / "pyproject.toml", '[project]\nname = "quiet"\n')
    write(tmp_path / "loud" / "pyproject.toml", '[tool.tf-lint]\nselect = ["TFL"]\n')
    write(tmp_path / "loud" / "b.py", BAD_SAVE)
    status, out, _ = tf_lint(str(tmp_path), "--format", "concise")
    assert status == 1
    assert [line.split(":")[0].replace("\\", "/").endswith("loud/b.py") for line in out.splitlines()
            if "TFL201" in line] == [True]


def test_resolver_caches_settings_per_directory_and_reads_the_right_file(tmp_path):
    top = write(tmp_path / "pyproject.toml", '[tool.tf-lint]\ndevice-memory = "24GiB"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.tf-lint]\ndevice-memory = 40\n')
    resolver = ConfigResolver()
    assert resolver.for_path(str(tmp_path / "x.py")).device_memory_gib == 24
    assert resolver.for_path(str(tmp_path / "other" / "y.py")).config_path == str(top)
    assert resolver.for_path(str(tmp_path / "sub" / "deep" / "z.py")).device_memory_gib == 40


def test_no_configuration_gives_the_defaults(tmp_path):
    settings = ConfigResolver().for_path(str(tmp_path / "a.py"))
    assert settings.select == Settings().select and settings.ignore == ()


def test_config_option_overrides_discovery(tmp_path, tf_lint):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint]\nselect = ["TFL"]\n')
    other = write(tmp_path / "elsewhere" / "lint.toml", 'ignore = ["TFL201"]\n')
    path = write(tmp_path / "a.py", BAD_SAVE)
    assert tf_lint(str(path), "--format", "concise")[0] == 1
    assert tf_lint(str(path), "--config", str(other))[0] == 0


def test_config_option_reads_a_pyproject_table(tmp_path, tf_lint):
    cfg = write(tmp_path / "cfg" / "pyproject.toml", '[tool.tf-lint]\nignore = ["TFL2"]\n')
    path = write(tmp_path / "a.py", BAD_SAVE)
    assert tf_lint(str(path), "--config", str(cfg))[0] == 0


def test_missing_config_file_is_exit_2(tmp_path, tf_lint):
    path = write(tmp_path / "a.py", "x = 1\n")
    status, _, err = tf_lint(str(path), "--config", str(tmp_path / "nope.toml"))
    assert status == 2 and "nope.toml" in err


def test_invalid_toml_is_exit_2_naming_the_file(tmp_path, tf_lint):
    cfg = write(tmp_path / "pyproject.toml", '[tool.tf-lint]\nselect = ["TFL"\n')
    write(tmp_path / "a.py", "x = 1\n")
    status, _, err = tf_lint(str(tmp_path))
    assert status == 2 and str(cfg) in err and "TOML" in err


# --- validation ---------------------------------------------------------------------------------

def test_unknown_key_is_exit_2_naming_file_key_and_allowed_keys(tmp_path, tf_lint):
    cfg = write(tmp_path / "pyproject.toml", '[tool.tf-lint]\nselct = ["TFL201"]\n')
    write(tmp_path / "a.py", "x = 1\n")
    status, out, err = tf_lint(str(tmp_path))
    assert status == 2
    assert str(cfg) in err and "'selct'" in err
    for allowed in ("select", "ignore", "extend-select", "per-file-ignores", "exclude", "extend-exclude",
                    "target-transformers-version", "device-memory", "checkpoints"):
        assert allowed in err
    assert out == ""


@pytest.mark.parametrize("line, key, hint", [
    ('select = "TFL201"', "select", "list"),
    ('select = ["TFL999"]', "select", "TFL201"),
    ('ignore = ["E501"]', "ignore", "TFL201"),
    ('extend-select = [1]', "extend-select", "list"),
    ('target-transformers-version = 5', "target-transformers-version", "5.24"),
    ('target-transformers-version = "latest"', "target-transformers-version", "5.24"),
    ('device-memory = "lots"', "device-memory", "GiB"),
    ('device-memory = 0', "device-memory", "GiB"),
    ('device-memory = -8', "device-memory", "GiB"),
    ('device-memory = true', "device-memory", "GiB"),
    ('exclude = "build"', "exclude", "list"),
    ('per-file-ignores = ["tests/*"]', "per-file-ignores", "table"),
    ('per-file-ignores = {"tests/*" = ["NOPE1"]}', "per-file-ignores", "TFL201"),
    ('checkpoints = {"my-org/bert" = 3}', "checkpoints", "model_type"),
])
def test_bad_value_is_exit_2_naming_file_key_and_what_is_allowed(tmp_path, tf_lint, line, key, hint):
    cfg = write(tmp_path / "pyproject.toml", f"[tool.tf-lint]\n{line}\n")
    write(tmp_path / "a.py", "x = 1\n")
    status, _, err = tf_lint(str(tmp_path))
    assert status == 2
    assert str(cfg) in err and f"'{key}" in err and hint in err


def test_tf_lint_table_must_be_a_table(tmp_path, tf_lint):
    write(tmp_path / "pyproject.toml", '[tool]\ntf-lint = 3\n')
    write(tmp_path / "a.py", "x = 1\n")
    status, _, err = tf_lint(str(tmp_path))
    assert status == 2 and "table" in err


@pytest.mark.parametrize("args, hint", [
    (["--select", "XYZ1"], "--select"),
    (["--ignore", "TFL999"], "--ignore"),
    (["--target-transformers-version", "five"], "--target-transformers-version"),
    (["--device-memory", "huge"], "--device-memory"),
])
def test_bad_command_line_value_is_exit_2(tmp_path, tf_lint, args, hint):
    path = write(tmp_path / "a.py", "x = 1\n")
    status, _, err = tf_lint(str(path), *args)
    assert status == 2 and hint in err


def test_bad_command_line_value_is_exit_2_with_config_option(tmp_path, tf_lint):
    cfg = write(tmp_path / "lint.toml", "select = [\"TFL\"]\n")
    path = write(tmp_path / "a.py", "x = 1\n")
    status, _, err = tf_lint(str(path), "--config", str(cfg), "--device-memory", "huge")
    assert status == 2 and "--device-memory" in err


# --- values ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, gib", [
    (16, 16.0),
    (22.5, 22.5),
    ("24GiB", 24.0),
    ("24 gib", 24.0),
    ("24G", 24.0),
    ("40960MiB", 40.0),
    ("512M", 0.5),
    ("80GB", 80e9 / 2**30),
    ("80 GB", 80e9 / 2**30),
    ("1000MB", 1e9 / 2**30),
    ("48", 48.0),
])
def test_device_memory_units(value, gib):
    assert parse_memory("f", "device-memory", value) == pytest.approx(gib)


def test_device_memory_from_file_and_command_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint]\ndevice-memory = "40960MiB"\n')
    assert ConfigResolver().for_path(str(tmp_path / "a.py")).device_memory_gib == pytest.approx(40.0)
    resolver = ConfigResolver(None, {"device_memory_gib": "24GB"})
    resolver.check_overrides()
    assert resolver.for_path(str(tmp_path / "a.py")).device_memory_gib == pytest.approx(24e9 / 2**30)


def test_command_line_values_are_validated_with_config_option(tmp_path):
    cfg = write(tmp_path / "lint.toml", "device-memory = 80\n")
    resolver = ConfigResolver(str(cfg), {"device_memory_gib": "24GiB", "select": ("tfl2",)})
    resolver.check_overrides()
    settings = resolver.for_path(str(tmp_path / "a.py"))
    assert settings.device_memory_gib == 24.0
    assert settings.select == ("TFL2",)


def test_target_version_and_checkpoints_are_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint]\ntarget-transformers-version = "4.57"\n'
                                       '[tool.tf-lint.checkpoints]\n"my-org/tiny" = "bert"\n')
    settings = ConfigResolver().for_path(str(tmp_path / "a.py"))
    assert settings.target_transformers_version == "4.57"
    assert dict(settings.checkpoints) == {"my-org/tiny": "bert"}


def test_command_line_overrides_the_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint]\ntarget-transformers-version = "4.57"\n'
                                       'device-memory = 80\n')
    resolver = ConfigResolver(None, {"target_transformers_version": "5.24", "device_memory_gib": "16"})
    resolver.check_overrides()
    settings = resolver.for_path(str(tmp_path / "a.py"))
    assert settings.target_transformers_version == "5.24"
    assert settings.device_memory_gib == 16.0


# --- selection ------------------------------------------------------------------------------------

def enabled(settings, code="TFL201"):
    return settings.is_enabled(code)


@pytest.mark.parametrize("table, expected", [
    ({}, True),
    ({"select": ["TFL0"]}, False),
    ({"select": ["TFL2"]}, True),
    ({"ignore": ["TFL2"]}, False),
    ({"ignore": ["TFL201"]}, False),
    ({"select": ["TFL201"], "ignore": ["TFL2"]}, True),  # the more specific selector wins
    ({"select": ["TFL2"], "ignore": ["TFL201"]}, False),
    ({"select": ["TFL2"], "ignore": ["TFL2"]}, False),  # ignore wins a tie
    ({"select": ["TFL0"], "extend-select": ["TFL201"]}, True),
    ({"ignore": ["TFL"], "extend-select": ["TFL201"]}, True),
    ({"select": ["ALL"], "ignore": ["TFL20"]}, False),
    ({"ignore": ["ALL"]}, False),
])
def test_select_ignore_extend_select_prefix_precedence(table, expected):
    from tf_lint.config import settings_from_table

    assert enabled(settings_from_table(table, "pyproject.toml", "/")) is expected


def apply(tmp_path, table, **overrides):
    lines = "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in table.items())
    write(tmp_path / "pyproject.toml", "[tool.tf-lint]\n" + lines)
    resolver = ConfigResolver(None, overrides)
    resolver.check_overrides()
    return resolver.for_path(str(tmp_path / "a.py"))


def test_command_line_select_replaces_the_file_selection(tmp_path):
    settings = apply(tmp_path, {"select": ["TFL00"], "ignore": ["TFL201"], "extend-select": ["TFL0"]},
                     select=("TFL2",))
    assert enabled(settings)
    assert not enabled(settings, "TFL001")


def test_command_line_ignore_adds_to_the_file(tmp_path):
    settings = apply(tmp_path, {"ignore": ["TFL001"]}, ignore=("TFL201",))
    assert not enabled(settings) and not enabled(settings, "TFL001")
    assert enabled(settings, "TFL002")


def test_command_line_extend_select_adds_to_the_file(tmp_path):
    settings = apply(tmp_path, {"select": ["TFL0"]}, extend_select=("TFL201",))
    assert enabled(settings) and enabled(settings, "TFL001")


def test_command_line_select_and_ignore_together(tmp_path):
    settings = apply(tmp_path, {"ignore": ["TFL0"]}, select=("TFL",), ignore=("TFL201",))
    assert not enabled(settings) and enabled(settings, "TFL001")


def test_cli_select_flag_end_to_end(tmp_path, tf_lint):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint]\nignore = ["TFL201"]\n')
    path = write(tmp_path / "a.py", BAD_SAVE)
    assert tf_lint(str(path))[0] == 0
    status, out, _ = tf_lint(str(path), "--select", "tfl201", "--format", "concise")
    assert status == 1 and codes(out) == ["TFL201"]
    status, out, _ = tf_lint(str(path), "--select", "TFL0,TFL00")
    assert status == 0


# --- per-file-ignores ---------------------------------------------------------------------------

def test_per_file_ignores(tmp_path, tf_lint):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint.per-file-ignores]\n"scripts/*" = ["TFL2"]\n'
                                       '"legacy.py" = ["ALL"]\n')
    write(tmp_path / "scripts" / "export.py", BAD_SAVE)
    write(tmp_path / "legacy.py", BAD_SAVE)
    write(tmp_path / "train.py", BAD_SAVE)
    status, out, _ = tf_lint(str(tmp_path), "--format", "concise")
    assert status == 1
    flagged = [line.split(":")[0] for line in out.splitlines() if "TFL201" in line]
    assert [p.replace("\\", "/").rsplit("/", 1)[-1] for p in flagged] == ["train.py"]


def test_per_file_ignores_patterns_are_relative_to_the_config(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.tf-lint.per-file-ignores]\n"/top.py" = ["TFL201"]\n')
    monkeypatch.chdir(tmp_path.parent)
    settings = ConfigResolver().for_path(str(tmp_path / "top.py"))
    assert not settings.is_enabled("TFL201", str(tmp_path / "top.py"))
    assert settings.is_enabled("TFL201", str(tmp_path / "pkg" / "top.py"))


def test_config_error_type():
    with pytest.raises(ConfigError):
        parse_memory("f", "device-memory", "-1GiB")
