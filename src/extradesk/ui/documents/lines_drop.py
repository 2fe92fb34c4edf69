"""Drag and drop inside the lines tree, turned into one move_lines request.

Dropped between top-level rows: out of any option, before the next line. Dropped on an
option's heading or between its lines: into that option. The view never moves rows itself
(removeRows stays unimplemented); the refreshed document shows the new order.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

MIME = "application/x-extradesk-line-ids"


class LineDropMixin:
    """Mixed into LinesModel (before QAbstractItemModel, so these override Qt's)."""

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids: list[int] = []
        for index in indexes:
            line = self.line_at(index) if self.option_at(index) is None else None
            if line is not None and line.id not in ids:
                ids.append(line.id)
        data = QMimeData()
        data.setData(MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self.editable and data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        """Translate a drop position into move_lines(before_line_id, option_id)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(MIME).data()).decode()
        ids = [int(x) for x in raw.split(",") if x]
        if not ids:
            return False
        before, option_id = self._drop_target(row, QModelIndex(parent))
        if before in ids:  # dropped just before itself: the line goes before the next one
            before = self._next_line_id(ids)
        self.move_requested.emit(ids, before, option_id)
        return True

    def _drop_target(self, row: int, parent: QModelIndex) -> tuple[int | None, int | None]:
        option = self.option_at(parent)
        if option is not None:  # into the group, before its row-th line (or at its end)
            node = self._nodes[parent.row()]
            if 0 <= row < len(node.children):
                return node.children[row].id, option.id
            return self._first_id(parent.row() + 1), option.id
        if parent.isValid():  # onto a line: just before it, in its group if it has one
            line = self.line_at(parent)
            return (line.id if line else None), (line.option_id if line else None)
        return self._first_id(row if row >= 0 else len(self._nodes)), None

    def _first_id(self, top_row: int) -> int | None:
        """First line at or after top-level row `top_row` (None: the end of the document)."""
        if top_row >= len(self._nodes):
            return None
        node = self._nodes[top_row]
        return node.line.id if node.line is not None else node.children[0].id

    def _next_line_id(self, moving: list[int]) -> int | None:
        order = [line.id for line in self.detail.lines] if self.detail else []
        after = order[order.index(moving[-1]) + 1:] if moving[-1] in order else []
        return next((i for i in after if i not in moving), None)

