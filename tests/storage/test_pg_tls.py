"""The reviewer's guide's recipe for a trainee's computer, tried for real:
a PostgreSQL server on loopback that takes only TLS with a password
(`hostssl … scram-sha-256`), its certificate issued for `localhost` by a
throwaway certificate authority; the game connects with `FIVE_LEVERS_DB`
naming a service in a service file (`sslmode=verify-full`, `sslrootcert`)
and the password in a password file, never in the address. An attempt is
recorded; a computer trusting another authority is refused, in plain words."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.pg_cluster import start_or_skip

ROOT = Path(__file__).resolve().parents[2]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"
PASSWORD = "a-long-team-password-7"


def openssl(*args, cwd):
    subprocess.run(["openssl", *map(str, args)], cwd=cwd, check=True, capture_output=True, timeout=60)


def authority(folder: Path, name: str) -> None:
    """A throwaway certificate authority: NAME.key, NAME.pem."""
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", "-subj", f"/CN=Five Levers test {name}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            cwd=folder)


def server_certificate(folder: Path, ca: str) -> None:
    """server.key, server.crt for the name `localhost` (in subjectAltName), issued by CA."""
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
            "-out", "server.csr", "-subj", "/CN=localhost", cwd=folder)
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key", "-CAcreateserial",
            "-days", "2", "-extfile", "san.ext", "-out", "server.crt", cwd=folder)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    if shutil.which("openssl") is None:
        if os.environ.get("FIVE_LEVERS_REQUIRE_PG") == "1":
            pytest.fail("FIVE_LEVERS_REQUIRE_PG=1 but openssl is missing (apt-get install openssl)")
        pytest.skip("openssl is missing: no certificates to test TLS with")
    keys = tmp_path_factory.mktemp("tls")
    authority(keys, "ca")
    authority(keys, "other-ca")
    server_certificate(keys, "ca")
    cluster = start_or_skip()
    try:
        for name in ("server.crt", "server.key"):  # the server's own copy, readable by the server's user only
            shutil.copy(keys / name, cluster.folder / name)
            os.chmod(cluster.folder / name, 0o600)
            if cluster.as_user:
                shutil.chown(cluster.folder / name, "postgres")
        admin = dict(host=str(cluster.folder), port=cluster.port, user="five", dbname="postgres", autocommit=True)
        with psycopg.connect(**admin) as conn:  # over the local socket, as the server's administrator
            conn.execute("CREATE DATABASE five_levers")
            conn.execute(f"ALTER ROLE five PASSWORD '{PASSWORD}'")
        hba = cluster.data / "pg_hba.conf"  # TCP: TLS and a password, nothing else (the guide's hostssl line)
        hba.write_text("local all all trust\nhostssl five_levers five 127.0.0.1/32 scram-sha-256\n"
                       "hostssl five_levers five ::1/128 scram-sha-256\n")
        cluster.pause()
        cluster.options = (f"-c ssl=on -c ssl_cert_file={cluster.folder / 'server.crt'} "
                           f"-c ssl_key_file={cluster.folder / 'server.key'} -c password_encryption=scram-sha-256")
        cluster.resume()
        yield cluster, keys, admin
    finally:
        cluster.stop()


def trainee_computer(tmp_path: Path, cluster, rootcert: Path) -> dict:
    """The guide's service file and password file, and the environment naming the service."""
    home = tmp_path / "home"
    home.mkdir()
    service = home / ".pg_service.conf"
    service.write_text(f"[five-levers]\nhost=localhost\nport={cluster.port}\ndbname=five_levers\nuser=five\n"
                       f"sslmode=verify-full\nsslrootcert={rootcert}\n")
    passfile = home / ".pgpass"
    passfile.write_text(f"localhost:{cluster.port}:five_levers:five:{PASSWORD}\n")
    passfile.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "FIVE_LEVERS_"))}
    env.update({"HOME": str(home), "PGSERVICEFILE": str(service), "PGPASSFILE": str(passfile),
                "FIVE_LEVERS_DB": "postgresql:///?service=five-levers", "FIVE_LEVERS_SAVES": str(tmp_path / "saves")})
    return env


def game(env, *args):
    proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def test_verify_full_with_a_service_file_and_a_password_file_records_an_attempt(tls_server, tmp_path):
    cluster, keys, admin = tls_server
    env = trainee_computer(tmp_path, cluster, keys / "ca.pem")
    assert PASSWORD not in env["FIVE_LEVERS_DB"]
    played = game(env, "play", LATE, "--choices", "1,1,1", "--player", "Ana", "--learner", "ana@x.org")
    assert played.returncode == 0, played.stderr
    assert not list((tmp_path / "saves").glob("pending/*.json"))  # it reached the team database, not kept here
    with psycopg.connect(**{**admin, "dbname": "five_levers"}) as conn:
        assert conn.execute("SELECT player, learner FROM attempts").fetchall() == [("Ana", "ana@x.org")]
    listed = game(env, "scoreboard", "--format", "csv")
    assert listed.returncode == 0 and "ana@x.org" in listed.stdout, listed.stderr
    # the connection the game makes is TLS, to the server it named, with the password from the file
    with _client(env) as conn:
        assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)


def _client(env):
    saved = {k: os.environ.get(k) for k in ("PGSERVICEFILE", "PGPASSFILE")}
    os.environ.update({k: env[k] for k in saved})
    try:
        return psycopg.connect("service=five-levers")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_a_server_certificate_from_another_authority_is_refused_in_plain_words(tls_server, tmp_path):
    cluster, keys, _ = tls_server
    env = trainee_computer(tmp_path, cluster, keys / "other-ca.pem")
    refused = game(env, "scoreboard")
    assert refused.returncode != 0
    assert "cannot be reached" in refused.stderr and "certificate verify failed" in refused.stderr, refused.stderr
    assert "the authority that sslrootcert names" in refused.stderr  # what to check
    assert PASSWORD not in refused.stderr


def test_without_the_password_file_the_server_refuses(tls_server, tmp_path):
    cluster, keys, _ = tls_server
    env = trainee_computer(tmp_path, cluster, keys / "ca.pem")
    Path(env["PGPASSFILE"]).unlink()
    refused = game(env, "scoreboard")
    assert refused.returncode != 0 and "password" in refused.stderr, refused.stderr



def test_a_server_reached_under_another_name_is_refused(tls_server, tmp_path):
    cluster, keys, _ = tls_server
    env = trainee_computer(tmp_path, cluster, keys / "ca.pem")
    service = Path(env["PGSERVICEFILE"])
    service.write_text(service.read_text().replace("host=localhost", "host=127.0.0.1"))
    refused = game(env, "scoreboard")
    assert refused.returncode != 0 and "does not match host name" in refused.stderr, refused.stderr
