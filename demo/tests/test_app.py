"""The demo app is for development: production settings do not install it, so its
commands do not exist there."""

from camnang.tests.servers import PRODUCTION_ENV, run_manage

DEMO_COMMANDS = ("load_demo_data", "load_campaign_demo", "create_demo_admin")


def test_production_has_no_demo_commands():
    result = run_manage("help", env_overrides=PRODUCTION_ENV, check=True)
    assert "[demo]" not in result.stdout
    for command in DEMO_COMMANDS:
        assert command not in result.stdout
    # `setup_roles` is listed: the output is the real command list.
    assert "setup_roles" in result.stdout


def test_demo_app_setting_installs_it_anywhere():
    result = run_manage("help", env_overrides={**PRODUCTION_ENV, "DEMO_APP": "1"}, check=True)
    assert "[demo]" in result.stdout
    for command in DEMO_COMMANDS:
        assert command in result.stdout
