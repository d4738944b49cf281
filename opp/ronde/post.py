"""An e-mail draft per signer with an address: a .eml the secretary opens, checks and sends herself.

opp sends nothing. 'X-Unsent: 1' makes Outlook open the file as a new message to send rather than as one
received; Thunderbird and Apple Mail open it as a message with the letter attached.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr


def concept_mail(aan_naam: str, aan_adres: str, onderwerp: str, tekst: str, bijlage: bytes,
                 bijlage_naam: str, van: str | None = None) -> bytes:
    bericht = EmailMessage(policy=SMTP)
    bericht["To"] = formataddr((aan_naam, aan_adres))
    if van:
        bericht["From"] = van
    bericht["Subject"] = onderwerp
    bericht["X-Unsent"] = "1"
    bericht.set_content(tekst)
    bericht.add_attachment(bijlage, maintype="application", subtype="pdf", filename=bijlage_naam)
    return bytes(bericht)
