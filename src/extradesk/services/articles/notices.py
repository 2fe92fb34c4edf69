"""Technical and commercial notices of articles: files copied into the data folder under
their SHA-256 (the same file attached twice is stored once), listed, opened, detached, and
gathered per document for a mail."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import delete, func, select

from extradesk import paths
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StorageError, ValidationError
from extradesk.core.search_text import fold
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import Article, ArticleNotice, Attachment, Document, DocumentLine
from extradesk.services.articles.dto import Notice, NoticeFile
from extradesk.services.context import Context

_N = ArticleNotice.__table__.c
_T = Attachment.__table__.c
_C = Article.__table__.c
_D = Document.__table__.c
MAX_SIZE = 200 * 1024 * 1024  # a scanned catalogue may be big; a video is not a notice


def store_dir(ctx: Context) -> Path:
    """<data folder>/notices: beside the SQLite file, else the platform data folder."""
    base = ctx.db.sqlite_path.parent if ctx.db.sqlite_path is not None else paths.data_dir()
    return base / "notices"


def stored_path(ctx: Context, sha256: str) -> Path:
    return store_dir(ctx) / sha256[:2] / sha256


def _copy_in(ctx: Context, source: Path) -> tuple[str, int, Path]:
    """Hash while copying to a temporary file in the store; placing it under its hash is
    _place's, inside the transaction that links it."""
    folder = store_dir(ctx)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with source.open("rb") as src, tempfile.NamedTemporaryFile(
                dir=folder, prefix=".in-", delete=False) as tmp:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
                tmp.write(chunk)
    except OSError as exc:
        raise StorageError("notice.storage_failed", detail=exc.strerror or str(exc)) from exc
    return digest.hexdigest(), size, Path(tmp.name)


def _place(ctx: Context, sha: str, tmp: Path) -> None:
    """Move the copy under its hash (atomic), or drop it when the file is there already.
    Called holding the write lock, like _forget: a file is never unlinked between the
    moment it is found present and the moment its link commits."""
    target = stored_path(ctx, sha)
    try:
        if target.exists():
            tmp.unlink()
        else:
            target.parent.mkdir(exist_ok=True)
            os.replace(tmp, target)
    except OSError as exc:
        raise StorageError("notice.storage_failed", detail=exc.strerror or str(exc)) from exc


def drop_unlinked(conn, attachment_ids) -> list[str]:
    """Inside a transaction that removed notice links: delete the attachments no article
    links any more; returns their hashes for forget_files once it has committed."""
    gone = []
    for attachment_id in set(attachment_ids):
        if conn.execute(select(func.count()).where(_N.attachment_id == attachment_id)
                        ).scalar():
            continue  # the same file is another article's notice too
        if conn.execute(select(func.count()).where(
                _D.vat_attestation_file_id == attachment_id)).scalar():
            continue  # the same file is a document's reduced-VAT attestation
        sha = conn.execute(select(_T.sha256).where(_T.id == attachment_id)).scalar()
        conn.execute(delete(Attachment.__table__).where(_T.id == attachment_id))
        if sha:
            gone.append(sha)
    return gone


def forget_files(ctx: Context, shas) -> None:
    """Delete the stored files of these hashes, after the commit that unlinked them (a
    rolled-back removal must still find its file). Under the write lock, and only when no
    attachment row names the hash: an attach of the same bytes meanwhile keeps it."""
    if not shas:
        return
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        for sha in set(shas):
            if conn.execute(select(_T.id).where(_T.sha256 == sha)).first() is not None:
                continue
            # a file kept by mistake is harmless; a failed delete must not undo the removal
            with contextlib.suppress(OSError):
                stored_path(ctx, sha).unlink(missing_ok=True)
            # the copies handed to the system viewer (may still be open: best effort)
            shutil.rmtree(store_dir(ctx) / "ouvertes" / sha[:16], ignore_errors=True)


def attach(ctx: Context, article_id: int, *, source: str | Path,
           name: str | None = None) -> tuple[Notice, Changes]:
    """Copy `source` into the store and attach it; attaching the same bytes again to the
    same article changes nothing. A missing or unreadable file is refused (French)."""
    source = Path(source)
    if not source.is_file() or not os.access(source, os.R_OK):
        raise ValidationError([Problem("notice", "notice.unreadable", {"path": str(source)})])
    size = source.stat().st_size
    if size > MAX_SIZE:
        raise StorageError("notice.too_big", path=source.name, size=_size(size),
                           limit=_size(MAX_SIZE))
    with ctx.db.engine.connect() as conn:
        if conn.execute(select(_C.id).where(_C.id == article_id)).scalar() is None:
            raise NotFoundError("article.not_found", id=article_id)
    sha, size, tmp = _copy_in(ctx, source)
    now = ctx.clock.now()
    shown = (name or source.name).strip()[:255] or sha[:12]
    try:
        with unit_of_work(ctx.db, write=True) as session:
            conn = session.connection()
            _place(ctx, sha, tmp)
            return _link(conn, article_id, sha, size, shown, now)
    finally:
        tmp.unlink(missing_ok=True)  # placed or dropped already, unless something failed


def _link(conn, article_id: int, sha: str, size: int, shown: str, now
          ) -> tuple[Notice, Changes]:
    attachment_id = conn.execute(select(_T.id).where(_T.sha256 == sha)).scalar()
    if attachment_id is None:
        attachment_id = conn.execute(Attachment.__table__.insert().values(
            sha256=sha, size=size, created_at=now)).inserted_primary_key[0]
    existing = conn.execute(select(_N.name, _N.added_at).where(
        _N.article_id == article_id, _N.attachment_id == attachment_id)).first()
    if existing is not None:
        return Notice(attachment_id, existing.name, size, sha, existing.added_at), Changes()
    conn.execute(ArticleNotice.__table__.insert().values(
        article_id=article_id, attachment_id=attachment_id, name=shown, added_at=now))
    return Notice(attachment_id, shown, size, sha, now), Changes(articles=frozenset({article_id}))


def _size(n: int) -> str:
    return f"{fmt.integer(n // (1024 * 1024))} Mo"


def list_notices(ctx: Context, article_id: int) -> list[Notice]:
    query = (select(_N.attachment_id, _N.name, _T.size, _T.sha256, _N.added_at)
             .join(Attachment.__table__, _T.id == _N.attachment_id)
             .where(_N.article_id == article_id))
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(query).all()
    return sorted((Notice(*r) for r in rows), key=lambda n: fold(n.name))


def open_path(ctx: Context, article_id: int, *, attachment_id: int) -> Path:
    """A file the system viewer can open: a copy named as the user named it (viewers pick
    the program by extension, and cannot alter the stored original)."""
    query = (select(_N.name, _T.sha256).join(Attachment.__table__, _T.id == _N.attachment_id)
             .where(_N.article_id == article_id, _N.attachment_id == attachment_id))
    with ctx.db.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFoundError("notice.not_found")
    stored = stored_path(ctx, row.sha256)
    if not stored.is_file():
        raise StorageError("notice.missing_file", name=row.name, path=str(stored))
    view = store_dir(ctx) / "ouvertes" / row.sha256[:16] / Path(row.name).name
    try:
        if not view.exists():
            view.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(stored, view)
    except OSError as exc:
        raise StorageError("notice.storage_failed", detail=exc.strerror or str(exc)) from exc
    return view


def detach(ctx: Context, article_id: int, *, attachment_id: int) -> Changes:
    """Remove the notice from the article; the file goes when no article uses it any more."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        done = conn.execute(delete(ArticleNotice.__table__).where(
            _N.article_id == article_id, _N.attachment_id == attachment_id))
        if done.rowcount == 0:
            raise NotFoundError("notice.not_found")
        gone = drop_unlinked(conn, [attachment_id])
    forget_files(ctx, gone)
    return Changes(articles=frozenset({article_id}))


def files_for_document(ctx: Context, document_id: int) -> list[NoticeFile]:
    """The notices of the articles on a document's lines, each file once (for a mail)."""
    lines = DocumentLine.__table__.c
    with ctx.db.engine.connect() as conn:
        codes = {c.lower() for c in conn.execute(
            select(lines.code).where(lines.document_id == document_id,
                                     lines.code.is_not(None))).scalars()}
        if not codes:
            return []
        keys = {fold(c).replace(" ", "") for c in codes}
        rows = conn.execute(
            select(_C.code, _N.name, _T.sha256, _T.size)
            .join(ArticleNotice.__table__, _N.article_id == _C.id)
            .join(Attachment.__table__, _T.id == _N.attachment_id)
            .where(_C.code_key.in_(keys)).order_by(_C.code_key, _N.name)).all()
    seen: set[str] = set()
    files = []
    for code, name, sha, size in rows:
        if sha not in seen:
            seen.add(sha)
            files.append(NoticeFile(name, stored_path(ctx, sha), size, code))
    return files
