"""A small bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

One bar per label; with several series the bar is stacked (commitments: on time,
late, broken, cancelled) and a legend names the colours. A value that is unknown
(``None``: no case was answered that week) draws no bar, which is not the same as 0.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from omnidesk.ui import colors


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    color: QColor
    values: Sequence[float | None]


def _plain_number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


class BarChart(QWidget):
    """Bars per label, optionally stacked, with the total written above each bar."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._labels: tuple[str, ...] = ()
        self._series: tuple[Series, ...] = ()
        self._value_text: Callable[[float], str] = _plain_number
        self._empty_text = ""
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        labels: Sequence[str],
        series: Sequence[Series],
        *,
        value_text: Callable[[float], str] = _plain_number,
        empty_text: str = "",
    ) -> None:
        """Show ``series`` over ``labels`` (each series has one value per label)."""
        if any(len(s.values) != len(labels) for s in series):
            raise ValueError("every series needs one value per label")
        self._labels = tuple(labels)
        self._series = tuple(series)
        self._value_text = value_text
        self._empty_text = empty_text
        self.setToolTip(self._describe())
        self.update()

    def title(self) -> str:
        return self._title

    def totals(self) -> list[float | None]:
        """The height of each bar (None where no series has a value)."""
        result: list[float | None] = []
        for i in range(len(self._labels)):
            known = [v for s in self._series if (v := s.values[i]) is not None]
            result.append(sum(known) if known else None)
        return result

    def sizeHint(self) -> QSize:
        unit = self.fontMetrics().averageCharWidth()
        return QSize(unit * 48, self.fontMetrics().height() * 12)

    def minimumSizeHint(self) -> QSize:
        unit = self.fontMetrics().averageCharWidth()
        return QSize(unit * 24, self.fontMetrics().height() * 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        line = self.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(4, 2, -4, -2)
        painter.setPen(text_color)
        title_font = painter.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self._title)
        painter.setFont(self.font())
        self._paint_legend(painter, area, line)
        plot = area.adjusted(0, line * 2.2, 0, -line * 1.3)
        totals = self.totals()
        highest = max((t for t in totals if t is not None), default=0.0)
        if highest <= 0 or plot.height() <= 0:
            painter.setPen(colors.muted_color(self.palette()))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        slot = plot.width() / len(self._labels)
        bar_width = max(slot * 0.6, 2.0)
        for i, label in enumerate(self._labels):
            left = plot.left() + i * slot + (slot - bar_width) / 2
            bottom = plot.bottom()
            for series in self._series:
                value = series.values[i]
                if not value:
                    continue
                height = plot.height() * value / highest
                painter.fillRect(QRectF(left, bottom - height, bar_width, height), series.color)
                bottom -= height
            label_box = QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, line)
            painter.setPen(text_color)
            painter.drawText(label_box, Qt.AlignmentFlag.AlignHCenter, label)
            total = totals[i]
            if total is not None:
                value_box = QRectF(plot.left() + i * slot, bottom - line - 1, slot, line)
                painter.drawText(value_box, Qt.AlignmentFlag.AlignHCenter, self._value_text(total))
        painter.setPen(colors.muted_color(self.palette()))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.end()

    def _paint_legend(self, painter: QPainter, area: QRectF, line: int) -> None:
        if len(self._series) < 2:
            return
        x = area.left()
        y = area.top() + line * 1.1
        metrics = self.fontMetrics()
        for series in self._series:
            painter.fillRect(QRectF(x, y + line * 0.25, line * 0.6, line * 0.6), series.color)
            x += line * 0.8
            painter.drawText(QRectF(x, y, area.width(), line), series.name)
            x += metrics.horizontalAdvance(series.name) + line

    def _describe(self) -> str:
        """The figures as text: the tooltip, and what a screen reader can read out."""
        lines = [self._title]
        totals = self.totals()
        for label, total in zip(self._labels, totals, strict=True):
            lines.append(f"{label}: {'–' if total is None else self._value_text(total)}")
        return "\n".join(lines)
