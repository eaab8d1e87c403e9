"""``manage.py headway_snapshot``: take a headway snapshot now (as the schedule does)."""

from django.core.management.base import BaseCommand

from engagement.headway import headway_snapshot_take


class Command(BaseCommand):
    help = (
        "Take a headway snapshot now, as the scheduled task does: the public and staff "
        "figures are built from the latest one. An event that changed by only a few "
        "people since the last snapshot keeps its figures as they were."
    )

    def handle(self, *args, **options):
        snapshot = headway_snapshot_take()
        self.stdout.write(
            f"Snapshot of {snapshot.taken_at:%Y-%m-%d %H:%M} taken; "
            f"{snapshot.events_kept} event(s) kept as before (too few changes)."
        )
