"""Form behaviour shared by every public form."""


class AccessibleErrorsMixin:
    """Point each invalid field's aria-describedby at its error message as well as its hint,
    so that screen readers announce why a field was refused."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)
