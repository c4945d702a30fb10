"""The signed links of the proposer's e-mails.

The confirmation link expires after a day; the status link lasts as long as
the proposal (it is the proposer's only way back to it).
"""

from django.core import signing

CONFIRM_SALT = "events.proposal.confirm"
STATUS_SALT = "events.proposal.status"
CONFIRM_MAX_AGE = 24 * 60 * 60


def confirm_token(proposal):
    return signing.dumps(proposal.pk, salt=CONFIRM_SALT)


def status_token(proposal):
    """The same link in every e-mail: signed, without a timestamp."""
    return signing.Signer(salt=STATUS_SALT).sign(str(proposal.pk))


def proposal_pk(token, *, salt, max_age=None):
    """The proposal's pk the token names, or None when it is forged or expired."""
    try:
        return int(signing.loads(token, salt=salt, max_age=max_age))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def confirmed_pk(token):
    return proposal_pk(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def status_pk(token):
    try:
        return int(signing.Signer(salt=STATUS_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
