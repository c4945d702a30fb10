"""Public proposals: an event offered by someone without an account.

forms.py (the form, its limits and the honeypot), submit.py (a proposal made
into a draft event, confirmed into review, changed by its proposer), tokens.py
(the signed links of the e-mails), mail.py (the proposer's and the moderators'
e-mails), views.py (the public pages: the form, the confirmation, the status).
"""
