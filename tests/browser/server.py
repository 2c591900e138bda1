"""The dashboard as a real `streamlit run` subprocess on a free port, for browser tests.

The app gets its own store (a copy of the seeded sample), so the browser sees exactly
what a visitor would and tests that write cannot affect the others. It is started, waited
for and stopped by `deploy/serving.py`, as the replicas are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from deploy import serving
from deploy.serving import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
#: How long the server may take to answer its health check (s).
HEALTH_TIMEOUT = 60.0
#: Environment variables of the caller that would change what the app shows.
_SCRUBBED_ENV = ("SURVEY_EDITOR_PASSWORD", "SURVEY_EDITOR_TOKEN_FILE", "POLES_DEFAULT_LANG")


@dataclass
class AppServer:
    """A `streamlit run app.py` subprocess serving the dashboard on `url`."""

    process: subprocess.Popen[bytes]
    url: str
    db_url: str
    log: Path
    #: Where the server keeps its first-start editor token (no credential is configured).
    token_file: Path

    def editor_token(self) -> str:
        """The first-start token this server drew (after its first page was served)."""
        return self.token_file.read_text(encoding="utf-8").strip()

    @classmethod
    def start(
        cls, db_url: str, log: Path, *, port: int | None = None, secrets_file: Path | None = None
    ) -> AppServer:
        """Launch the app on `port` (a free one by default) against `db_url`; output goes to
        `log`. `secrets_file` replaces `.streamlit/secrets.toml` (sign-in tests)."""
        port = port or free_port()
        env = {key: value for key, value in os.environ.items() if key not in _SCRUBBED_ENV}
        env["SURVEY_DB_URL"] = db_url
        token_file = log.parent / "editor-token"
        env["SURVEY_EDITOR_TOKEN_FILE"] = str(token_file)
        extra = ["--secrets.files", str(secrets_file)] if secrets_file is not None else []
        process = serving.start_streamlit("app.py", port, log, env=env, extra=extra)
        return cls(
            process=process,
            url=serving.address(port),
            db_url=db_url,
            log=log,
            token_file=token_file,
        )

    def output(self) -> str:
        """What the server printed so far (for failure messages)."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT) -> None:
        """Block until `/_stcore/health` answers; fail with the server's output otherwise."""
        if serving.wait_answering({self.url + serving.HEALTH_PATH: self.process}, timeout) is None:
            return
        if self.process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.output()}")
        raise TimeoutError(f"streamlit did not answer within {timeout:.0f} s:\n{self.output()}")

    def stop(self) -> None:
        """Terminate the server, killing it if it does not stop within 10 s."""
        serving.stop_processes(self.process)


def start_app(
    seeded_db: Path, workdir: Path, *, port: int | None = None, secrets_file: Path | None = None
) -> AppServer:
    """Start the app on a private copy of the seeded store `seeded_db`; wait until healthy."""
    database = workdir / "survey.db"
    shutil.copyfile(seeded_db, database)
    server = AppServer.start(
        f"sqlite:///{database}",
        log=workdir / "streamlit.log",
        port=port,
        secrets_file=secrets_file,
    )
    try:
        server.wait_healthy()
    except BaseException:
        server.stop()
        raise
    return server
