"""``manage.py headway_snapshot``: take a headway snapshot now (as the schedule does)."""

from django.core.management.base import BaseCommand

from engagement.snapshots import headway_snapshot_take


class Command(BaseCommand):
    help = (
        "Take a headway snapshot now, as the scheduled task does: the public and staff "
        "figures are built from the latest published one. A snapshot that would differ "
        "from the last published one by only a few people is kept but held back."
    )

    def handle(self, *args, **options):
        snapshot = headway_snapshot_take()
        self.stdout.write(f"Snapshot of {snapshot.taken_at:%Y-%m-%d %H:%M}: {snapshot.status}.")
        if snapshot.note:
            self.stdout.write(f"Changes since the last published snapshot: {snapshot.note}.")
