"""What every settings page does: show the settings, and fold its fields back into them."""

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from omnidesk.config.settings import Settings
from omnidesk.ui.dialogs.base import muted_label


class SettingsPage(QWidget):
    """A tab of the settings dialog."""

    def title(self) -> str:
        raise NotImplementedError

    def load(self, settings: Settings) -> None:
        """Show ``settings`` in the fields."""
        raise NotImplementedError

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with this page's fields; raises ``ConfigError`` for a field to fix."""
        raise NotImplementedError

    def passwords(self) -> dict[str, str]:
        """Keyring entries to store on save (key → password); most pages have none."""
        return {}


def form_with_intro(page: QWidget, intro: str) -> QFormLayout:
    """A page laid out as an explanatory line over a form, with the spare room below."""
    layout = QVBoxLayout(page)
    label: QLabel = muted_label(intro)
    layout.addWidget(label)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    layout.addLayout(form)
    layout.addStretch(1)
    return form
