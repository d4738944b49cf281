"""The register's consent table: recorded, corrected, the newest agreed version found, old registers migrated."""

import datetime as dt
import sqlite3

from opp.register.db import Instemming, Register


def test_newest_agreed_version(tmp_path):
    pad = tmp_path / "opp-register.sqlite"
    with Register(pad) as reg:
        reg.leg_instemming_vast(Instemming("1", "opp", 1, "OUDER:a", "akkoord", dt.date(2026, 10, 1)))
        reg.leg_instemming_vast(Instemming("1", "opp", 2, "OUDER:a", "niet akkoord", dt.date(2026, 11, 1)))
        reg.leg_instemming_vast(Instemming("2", "opp", 1, "OUDER:b", "niet akkoord", None))
    with Register(pad) as reg:
        assert reg.ingestemde_versie("1", "opp").versie == 1
        assert reg.ingestemde_versie("2", "opp") is None
        assert len(reg.instemmingen(["1"])) == 2
        # a corrected decision replaces the earlier one for the same signer and version
        reg.leg_instemming_vast(Instemming("1", "opp", 2, "OUDER:a", "akkoord", dt.date(2026, 11, 2)))
        assert reg.ingestemde_versie("1", "opp").datum == dt.date(2026, 11, 2)


def test_schema_1_register_is_migrated_without_loss(tmp_path):
    pad = tmp_path / "opp-register.sqlite"
    with Register(pad):
        pass
    conn = sqlite3.connect(pad)
    conn.execute("DROP TABLE instemmingen")
    conn.execute("UPDATE meta SET waarde = '1' WHERE sleutel = 'schema'")
    conn.commit()
    conn.close()
    with Register(pad) as reg:
        assert reg.melding is None  # migrated, not rebuilt
        reg.leg_instemming_vast(Instemming("1", "opp", 1, "OUDER:a", "akkoord", None))
    conn = sqlite3.connect(pad)
    assert conn.execute("SELECT waarde FROM meta WHERE sleutel = 'schema'").fetchone() == ("3",)
    conn.close()
