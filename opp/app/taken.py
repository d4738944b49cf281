"""Long work (documents, dossiers, the report) runs in a thread while the page shows its progress; one task
at a time, because the register and the output folder take one writer. A task is known by a random id."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..problems import OppError, WerkboekOnbruikbaar, schijf_vol

BEWAARD = 20  # finished tasks kept for their result pages


@dataclass
class Taak:
    id: str
    soort: str  # the page it belongs to: "documenten", "tlv", "rapport"
    totaal: int = 0
    gedaan: int = 0
    pdf_totaal: int = 0
    pdf_gedaan: int = 0
    klaar: bool = False
    resultaat: Any = None
    fout: str | None = None  # one Dutch line (an OppError, or our own failure)
    onbruikbaar: WerkboekOnbruikbaar | None = None
    gedaan_sein: threading.Event = field(default_factory=threading.Event, repr=False)
    keuze: dict[str, Any] = field(default_factory=dict)  # what was asked (to show with the result)

    def stap(self, n: int = 1) -> None:
        self.gedaan += n

    def pdf_stap(self, n: int = 1) -> None:
        self.pdf_gedaan += n

    @property
    def status(self) -> str:
        if not self.klaar:
            return "bezig"
        return "fout" if self.fout or self.onbruikbaar else "klaar"

    def to_dict(self) -> dict[str, Any]:
        """What the page polls: progress only, nothing about pupils."""
        return {"status": self.status, "gedaan": self.gedaan, "totaal": self.totaal,
                "pdf_gedaan": self.pdf_gedaan, "pdf_totaal": self.pdf_totaal}


class Taken:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taken: OrderedDict[str, Taak] = OrderedDict()
        self._bezig: Taak | None = None

    def start(self, soort: str, werk: Callable[[Taak], Any], totaal: int = 0,
              keuze: dict[str, Any] | None = None) -> Taak:
        with self._lock:
            self.vereis_vrij()
            taak = Taak(secrets.token_urlsafe(12), soort, totaal=totaal, keuze=keuze or {})
            self._taken[taak.id] = taak
            while len(self._taken) > BEWAARD:
                self._taken.popitem(last=False)
            self._bezig = taak
        threading.Thread(target=self._draai, args=(taak, werk), daemon=True, name=f"opp-{soort}").start()
        return taak

    def vereis_vrij(self) -> None:
        """OppError while a task runs: the register and the output folder take one writer."""
        if self.lopend() is not None:
            raise OppError("Er loopt al een taak. Wacht tot die klaar is en probeer het dan opnieuw.")

    def lopend(self) -> Taak | None:
        """The task still running, if any (its page shows progress; the register is its own until it ends)."""
        bezig = self._bezig
        return bezig if bezig is not None and not bezig.klaar else None

    def get(self, taak_id: str) -> Taak | None:
        return self._taken.get(taak_id)

    def wacht(self, taak: Taak, seconden: float = 300) -> None:
        """For tests and scripts: until the task is done."""
        taak.gedaan_sein.wait(seconden)

    @staticmethod
    def _draai(taak: Taak, werk: Callable[[Taak], Any]) -> None:
        try:
            taak.resultaat = werk(taak)
        except WerkboekOnbruikbaar as exc:
            taak.onbruikbaar = exc
        except OppError as exc:
            taak.fout = exc.bericht
        except Exception as exc:  # our own failure: a clear line, no traceback with pupils' data in a log
            vol = schijf_vol(exc, "output")
            taak.fout = vol.bericht if vol else (
                f"Onverwachte fout ({type(exc).__name__}). Probeer het opnieuw; blijft het misgaan, draai dan "
                "hetzelfde met de opdrachtregel en --debug en meld de uitvoer aan de ontwikkelaars.")
        finally:
            taak.klaar = True
            taak.gedaan_sein.set()
