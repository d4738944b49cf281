"""The signing round: an Excel tracker the secretariaat can live in (`opp tracker sync`, `opp tracker status`).

sync.py matches rows by a stable key and never loses what was typed; status.py holds the status rules
(as Python and as the Excel formula); overzicht.py the counts per klas (as Python and as the Overzicht
sheet); layout.py the columns and formatting; keys.py which rows the round needs; bestand.py the file;
stroom.py and xmlblad.py the sync's work on the rows, streamed.
"""

from .bestand import standaard_pad, zoek_tracker
from .overzicht import TeLaat, TrackerOverzicht, tracker_overzicht, tracker_statussen
from .status import Status
from .sync import SyncResult, sync_tracker

__all__ = ["Status", "SyncResult", "TeLaat", "TrackerOverzicht", "standaard_pad",
           "sync_tracker", "tracker_overzicht", "tracker_statussen", "zoek_tracker"]
