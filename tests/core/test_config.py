"""The kiosk's config: the lookup order DESIGN.md fixes, and one clear ConfigError — naming the
file and the key — for every way a file can be wrong (the IT page shows exactly that)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.config import (
    CONFIG_ENV,
    ConfigError,
    find_config_file,
    load_config,
    read_config,
)
from kiosk.paths import AppDirs

VALID = '[help_point]\nid = "duc-nhuan-kp1"\n\n[kiosk]\nid = "kiosk-1"\n'
PIN_HASH = "scrypt6$0123abcd$32768$8$1$c2FsdHNhbHQ$ZGlnZXN0ZGlnZXN0"


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppDirs:
    """Four empty places (env file, next to the program, site, user) and no $DVC_KIOSK_CONFIG."""
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    program = tmp_path / "opt" / "dvc-kiosk"
    program.mkdir(parents=True)
    # executable_dir() is the folder of sys.argv[0] when not frozen.
    monkeypatch.setattr(sys, "argv", [str(program / "dvc-kiosk")])
    return AppDirs(
        config=tmp_path / "user",
        site_config=tmp_path / "site",
        data=tmp_path / "data",
        cache=tmp_path / "cache",
        logs=tmp_path / "logs",
    )


def put(path: Path, kiosk_id: str) -> Path:
    """A valid config whose kiosk id tells which file was read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(VALID.replace("kiosk-1", kiosk_id), encoding="utf-8")
    return path


def test_lookup_order_env_then_program_folder_then_site_then_user(
    dirs: AppDirs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each place wins over every place after it; with none, the labelled demo is used."""
    assert find_config_file(dirs) is None
    demo = load_config(dirs)
    assert demo.demo and demo.help_point.id == "demo"

    user = put(dirs.config / "kiosk.toml", "from-user")
    assert load_config(dirs).kiosk_id == "from-user"
    site = put(tmp_path / "site" / "kiosk.toml", "from-site")
    assert load_config(dirs).kiosk_id == "from-site"
    program = put(tmp_path / "opt" / "dvc-kiosk" / "kiosk.toml", "from-program")
    assert load_config(dirs).kiosk_id == "from-program"
    named = put(tmp_path / "elsewhere.toml", "from-env")
    monkeypatch.setenv(CONFIG_ENV, str(named))
    config = load_config(dirs)
    assert config.kiosk_id == "from-env"
    assert config.source == named
    assert not config.demo

    monkeypatch.delenv(CONFIG_ENV)
    program.unlink()
    site.unlink()
    assert find_config_file(dirs) == user


def test_dvc_kiosk_home_has_no_site_folder(dirs: AppDirs, tmp_path: Path) -> None:
    """Under DVC_KIOSK_HOME (site_config None) only the env file, program folder and the home's
    config folder count, so a test or portable install never reads the machine's config."""
    home_dirs = AppDirs(dirs.config, None, dirs.data, dirs.cache, dirs.logs)
    put(tmp_path / "site" / "kiosk.toml", "from-site")
    assert find_config_file(home_dirs) is None
    put(dirs.config / "kiosk.toml", "from-home")
    assert load_config(home_dirs).kiosk_id == "from-home"


def test_a_named_file_that_does_not_exist_is_an_error_not_the_demo(
    dirs: AppDirs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$DVC_KIOSK_CONFIG pointing nowhere is IT's mistake: say so, do not silently run a demo."""
    missing = tmp_path / "nowhere.toml"
    monkeypatch.setenv(CONFIG_ENV, str(missing))
    with pytest.raises(ConfigError) as caught:
        load_config(dirs)
    assert (caught.value.file, caught.value.key) == (str(missing), "(file)")
    assert caught.value.message == "the file does not exist"


def _kiosk(extra: str) -> str:
    return '[help_point]\nid = "duc-nhuan-kp1"\n\n[kiosk]\nid = "kiosk-1"\n' + extra


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ('[help_point\nid = "x"', "(toml)", "not valid TOML"),
        ("[kiosk]\nid = 'kiosk-1'\n", "[help_point]", "section missing"),
        ('[help_point]\nid = "duc-nhuan-kp1"\n', "[kiosk]", "section missing"),
        ('help_point = "duc-nhuan-kp1"\n[kiosk]\nid = "k"\n', "help_point", "must be a [section]"),
        (_kiosk("[sites]\nx = 1\n"), "sites", "unknown section"),
        (_kiosk("idle_secs = 60\n"), "kiosk.idle_secs", "unknown key"),
        ('[help_point]\nopening_hours = []\n[kiosk]\nid = "k"\n', "help_point.id", "missing"),
        ('[help_point]\nid = 7\n[kiosk]\nid = "k"\n', "help_point.id", "must be str, not int"),
        (
            '[help_point]\nid = "phuong-15"\n[kiosk]\nid = "k"\n',
            "help_point.id",
            "unknown help point 'phuong-15'",
        ),
        ('[help_point]\nid = "duc-nhuan-kp1"\n[kiosk]\n', "kiosk.id", "missing"),
        (
            '[help_point]\nid = "duc-nhuan-kp1"\n[kiosk]\nid = "Máy 1"\n',
            "kiosk.id",
            "lower-case letters",
        ),
        (_kiosk('idle_seconds = "120"\n'), "kiosk.idle_seconds", "must be a whole number"),
        (_kiosk("idle_seconds = true\n"), "kiosk.idle_seconds", "must be a whole number"),
        (_kiosk("idle_seconds = 5\n"), "kiosk.idle_seconds", "between 15 and 3600"),
        (_kiosk("idle_answer_seconds = 10\n"), "kiosk.idle_answer_seconds", "between 20 and 600"),
        (_kiosk('kiosk_mode = "yes"\n'), "kiosk.kiosk_mode", "must be bool, not str"),
        (_kiosk('language = "fr"\n'), "kiosk.language", "must be 'vi' or 'en'"),
        (_kiosk("top_procedures = [1, 2]\n"), "kiosk.top_procedures", "list of procedure ids"),
        (_kiosk('top_procedures = "x"\n'), "kiosk.top_procedures", "must be list"),
        (_kiosk("[volunteer]\npin_hash = 1234\n"), "volunteer.pin_hash", "must be str"),
        (
            '[help_point]\nid = "duc-nhuan-kp1"\nopening_hours = ["tuesday 5pm"]\n'
            '[kiosk]\nid = "k"\n',
            "help_point.opening_hours[0]",
            "is not like 'sat 08:00-11:00'",
        ),
        (
            '[help_point]\nid = "duc-nhuan-kp1"\nopening_hours = ["sat 25:00-26:00"]\n'
            '[kiosk]\nid = "k"\n',
            "help_point.opening_hours[0]",
            "impossible time",
        ),
        (
            '[help_point]\nid = "duc-nhuan-kp1"\n'
            'opening_hours = ["sat 08:00-11:00", "tue 20:30-17:30"]\n[kiosk]\nid = "k"\n',
            "help_point.opening_hours[1]",
            "ends before it starts",
        ),
        (_kiosk('[sync]\ntoken = "t"\n'), "sync.server", "missing"),
        (_kiosk('[sync]\nserver = "dvc.gov.vn"\ntoken = "t"\n'), "sync.server", "https://"),
        (_kiosk('[sync]\nserver = "https://dvc.gov.vn"\n'), "sync.token", "missing"),
        # Issue #21: plain http sends the token in clear; the message said so, now it is so.
        (_kiosk('[sync]\nserver = "http://dvc.gov.vn"\ntoken = "t"\n'), "sync.server", "https://"),
        (
            _kiosk('[sync]\nserver = "http://127.0.0.1:8080"\ntoken = "t"\n'),
            "sync.server",
            "https://",
        ),
        (
            _kiosk(
                '[sync]\nserver = "http://dvc.gov.vn"\ntoken = "t"\ntest_loopback_http = true\n'
            ),
            "sync.server",
            "loopback",
        ),
        (
            _kiosk('[sync]\nserver = "https://dvc.gov.vn"\ntoken = "t"\ninterval_seconds = "5"\n'),
            "sync.interval_seconds",
            "must be a whole number",
        ),
    ],
)
def test_each_fault_names_the_file_and_the_key(
    tmp_path: Path, text: str, key: str, message: str
) -> None:
    """A wrong file raises ConfigError(file, key, message) — what the IT page shows."""
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert caught.value.file == str(path)
    assert caught.value.key == key
    assert message in caught.value.message
    assert str(caught.value) == f"{path}: {key}: {caught.value.message}"


def test_only_test_configuration_may_name_a_loopback_http_collector(tmp_path: Path) -> None:
    """`test_loopback_http = true` (what the tests and a loopback trial write) lets the kiosk
    talk plain http to a collector on this PC; without it, or to any other host, it is https."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        _kiosk(
            '[sync]\nserver = "http://127.0.0.1:8080/"\ntoken = "t"\ntest_loopback_http = true\n'
        ),
        encoding="utf-8",
    )
    config = read_config(path)
    assert config.sync is not None and config.sync.server == "http://127.0.0.1:8080"


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    """A file saved in a legacy Windows code page: 'cannot be read', not a crash."""
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b'[help_point]\nid = "\xd0\xf9c"\n')  # "Đùc" in cp1258
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert caught.value.key in ("(file)", "(toml)")


def test_a_valid_file_reads_every_key(tmp_path: Path) -> None:
    """Every documented key is read with its type; defaults fill what is left out."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[help_point]\nid = "duc-nhuan-kp1"\nopening_hours = ["tue 17:30-20:30"]\n\n'
        '[kiosk]\nid = "kp1-may-2"\nidle_seconds = 90\nidle_answer_seconds = 25\n'
        'error_return_seconds = 5\nkiosk_mode = false\nlanguage = "en"\n'
        'top_procedures = ["dang-ky-tam-tru"]\n\n'
        f'[volunteer]\npin_hash = "{PIN_HASH}"\n\n'
        '[sync]\nserver = "https://dvc.example.gov.vn/"\ntoken = "t"\ninterval_seconds = 60\n',
        encoding="utf-8",
    )
    config = read_config(path)
    assert config.help_point.id == "duc-nhuan-kp1"
    assert len(config.opening_hours) == 1
    assert (config.kiosk_id, config.idle_seconds, config.idle_answer_seconds) == (
        "kp1-may-2",
        90,
        25,
    )
    assert config.error_return_seconds == 5
    assert config.kiosk_mode is False
    assert config.language == "en"
    assert config.top_procedures == ("dang-ky-tam-tru",)
    assert config.pin_hash == PIN_HASH
    assert config.sync is not None
    assert config.sync.server == "https://dvc.example.gov.vn"
    assert config.sync.interval_seconds == 60
    assert config.source == path
    assert not config.demo
