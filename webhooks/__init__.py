"""Change notifications for partners (webhooks): each change to the public set of
listings, as the changes feed serves it, POSTed to the addresses partners register.

A partner with a token registers a URL (``/api/v1/webhooks/``) and gets a secret once.
Each subscription keeps its own cursor in the changes feed (``directory.changes``):
whenever a transaction that logged changes commits, ``tasks.dispatch`` reads on from
each cursor, stores each batch of up to 100 items as one ``Delivery`` and sends it,
signed with the secret. A delivery that is not answered with a 2xx is retried with
exponential backoff (``tasks.send_due``, every minute), and one that was answered is
never sent again.
"""
