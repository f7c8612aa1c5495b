"""Processledare: the facilitator's console: create a workshop, hand out links, watch, reveal, enter paper ratings."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analysis import DEFAULT_AXES, Axis, Scale, ScaleError
from analysis.formatting import format_value
from analysis.statistics.compare import party_name

from .. import auth, web
from ..importer import RatingsFileError, read_ratings
from ..store import DEFAULT_QUESTIONS, PARTIES, StoreError
from ..ui import (ADMIN_TOKEN, forget_admin, get_store, guarded, is_admin, join_link, lang, language_switch,
                  join_address, links_warning, login_client, plain, present_link, qr_html, t, view_link)
from ..store.codes import format_join_code
from .shared import snapshot, workshop_labels

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]  # where `python -m survey.…` finds the package
COOKIE_CODE = "admin_cookie_code"  # session state: the single-use code this tab's browser is sent to redeem
LOGGED_OUT = "admin_logged_out"  # session state: this tab pressed "Log out" and its browser must drop the cookie

SKIP = "skip"


def page() -> None:
    language_switch()
    st.title(t("facilitator_title"), anchor=False)
    if not is_admin():
        if st.session_state.pop(LOGGED_OUT, False):
            _send_browser(web.LOGOUT_PATH)
        _login()
        return
    code = st.session_state.pop(COOKIE_CODE, None)
    if code:  # the browser trades it for its session cookie (a reload then keeps the login) and comes back
        st.info(t("logging_in"))
        _send_browser(web.SESSION_PATH, code=code)
        return
    store = get_store()
    with st.sidebar:
        if st.button(t("logout"), key="logout"):
            _log_out(store)
            st.rerun()
    workshops = store.list_workshops()
    tab_names = [t("tab_run"), t("tab_status"), t("tab_paper"), t("tab_discussion"), t("tab_round2"), t("tab_new")]
    if not workshops:
        _new_workshop(store)
        _bin(store)
        return
    ids = [w.id for w in workshops]
    labels = workshop_labels(workshops, lang())
    pending = st.session_state.pop("facilitator-next", None)
    if pending in ids:
        st.session_state["facilitator-workshop"] = pending
    if st.session_state.get("facilitator-workshop") not in ids:
        # A reload or a new login comes back to the workshop in the address, not to whichever is newest.
        wanted = st.query_params.get("w")
        if wanted and wanted not in ids:
            st.warning(t("facilitator_workshop_unknown", title=plain(labels[ids[0]])))
        st.session_state["facilitator-workshop"] = wanted if wanted in ids else ids[0]
    chosen = st.selectbox(t("workshop_label"), ids, key="facilitator-workshop", format_func=labels.get)
    st.query_params["w"] = chosen
    workshop = store.get_workshop(chosen)
    if workshop is None:  # moved to the bin from another tab a moment ago
        st.rerun()
    tabs = st.tabs(tab_names)
    with tabs[0]:
        _run(store, workshop)
    with tabs[1]:
        _status_board(workshop.id)
    with tabs[2]:
        _paper(store, workshop)
    with tabs[3]:
        _discussion(store, workshop)
    with tabs[4]:
        _round2(store, workshop)
    with tabs[5]:
        _new_workshop(store)
        _bin(store)


def _send_browser(path: str, **fields: str) -> None:
    """Have the browser (not just the Streamlit page) POST to one of survey/web.py's routes.

    A POST keeps the single-use code out of the address bar, the history and access logs.
    """
    query = {"lang": "en"} if lang() == "en" else {}
    if st.query_params.get("w"):
        query["w"] = st.query_params["w"]  # come back to the same workshop after logging in
    url = web.base_path() + path + (f"?{urlencode(query)}" if query else "")
    st.html(
        "<script>(() => {const f = document.createElement('form'); f.method = 'post';"
        f" f.action = {json.dumps(url)}; const fields = {json.dumps(fields)};"
        " for (const [name, value] of Object.entries(fields)) {const i = document.createElement('input');"
        " i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i);}"
        " document.body.appendChild(f); f.submit();})()</script>",
        unsafe_allow_javascript=True,
    )


def _log_out(store) -> None:
    """End this tab's and this browser's sessions on the server, then have the browser drop its cookie."""
    tokens = forget_admin()
    st.session_state[LOGGED_OUT] = True
    ended = set(st.session_state.get("admin_ended_tokens", ()))
    st.session_state["admin_ended_tokens"] = ended | set(tokens)  # ignored in this tab even if the store failed
    try:
        auth.end_session(store, tokens)
    except Exception as exc:  # noqa: BLE001 - the browser still drops the cookie
        log.error("logout: cannot end the session in the store: %s", exc)


def _login() -> None:
    store = get_store()
    with st.form("login"):
        password = st.text_input(t("password_label"), type="password", key="password")
        sent = st.form_submit_button(t("login_button"), type="primary")
    st.caption(t("password_help"))
    if not sent:
        return
    try:
        result = auth.check_password(store, password or "", login_client())
        if result.ok:
            code = auth.issue_login_code(store, result.token)
    except Exception as exc:  # noqa: BLE001 - a visitor never sees a traceback; the log has it
        log.exception("login failed: %s", exc)
        result = auth.LoginResult(auth.UNAVAILABLE)
    if result.ok:
        st.session_state[ADMIN_TOKEN] = result.token
        st.session_state[COOKIE_CODE] = code
        st.session_state.pop(LOGGED_OUT, None)
        st.rerun()
    elif result.status == auth.LOCKED:
        seconds = result.locked_for
        if seconds > 120:
            st.error(t("locked_out_minutes", minutes=-(-seconds // 60)))
        else:
            st.error(t("locked_out", seconds=seconds))
    elif result.status == auth.BUSY:
        st.error(t("login_busy"))
    elif result.status == auth.UNAVAILABLE:
        st.error(t("login_unavailable"))
    else:
        st.error(t("wrong_password", tries=result.remaining_tries))


def _run(store, workshop) -> None:
    lg = lang()
    state = workshop.state
    writing = t("state_draft") if state == "draft" else t("state_open") if workshop.group_may_write else t("state_closed")
    visibility = t("results_shown") if workshop.revealed else t("results_hidden")
    st.markdown(f"**{t('state_label')}:** {writing} · {visibility}"
                + (f" · {t('round_label', n=2)}" if workshop.current_round == 2 else ""))
    cols = st.columns(4)
    # Writing (open/close) and showing the results are two separate decisions: closing never reveals.
    write_action = (("open", t("action_open")) if state == "draft" else ("closed", t("action_close"))
                    if workshop.group_may_write else ("open", t("action_reopen")))
    if cols[0].button(write_action[1], key=f"state-{write_action[0]}", width="stretch", type="primary"):
        if write_action[0] == "open" and workshop.revealed:
            store.set_state(workshop.id, "revealed")  # reopening keeps revealed results visible
        else:
            store.set_state(workshop.id, write_action[0])
        st.rerun()
    show = not workshop.revealed
    if cols[1].button(t("action_reveal") if show else t("action_hide"), key="state-reveal", width="stretch"):
        store.set_revealed(workshop.id, show)
        st.rerun()
    st.caption(t("state_help"))

    st.subheader(t("groups_heading"), anchor=False)
    warning = links_warning()
    if warning:
        st.warning(warning)
    with st.form("add-group", clear_on_submit=True):
        c1, c2 = st.columns([3, 2])
        name = c1.text_input(t("group_name"), max_chars=80)
        party = c2.selectbox(t("group_party"), [None, *PARTIES], format_func=lambda p: t("party_none") if p is None else party_name(p, lg))
        if st.form_submit_button(t("add_group")):
            try:
                store.add_group(workshop.id, name, party)
                st.toast(t("group_added", name=plain(name)))
            except StoreError as exc:
                st.error(plain(exc.message(lg)))
    groups = store.groups(workshop.id)
    for g in groups:
        with st.container(border=True, key=f"group-{g.position}"):
            c1, c2 = st.columns([3, 1])
            c1.markdown(f"**{plain(g.name)}**" + (f" · {party_name(g.party, lg)}" if g.party else "")
                        + (f" · :red[{t('revoked')}]" if g.revoked else ""))
            link = join_link(workshop.id, g.token)
            if not g.revoked:
                c1.code(link, language=None)
                if g.join_code:
                    c1.caption(t("join_code_shown", code=format_join_code(g.join_code), address=plain(join_address())))
                with c1.expander(t("qr_code")):
                    st.html(qr_html(link, t("qr_alt", group=g.name), 220))
                if c2.button(t("revoke"), key=f"revoke-{g.id}", width="stretch"):
                    store.revoke_group(g.id)
                    st.rerun()
            else:
                if c2.button(t("restore"), key=f"restore-{g.id}", width="stretch"):
                    store.restore_group(g.id)
                    st.rerun()
            if c2.button(t("renew_link"), key=f"renew-{g.id}", width="stretch"):
                store.renew_token(g.id)
                st.rerun()
    active = [g for g in groups if not g.revoked]
    if active:
        try:
            cards = _join_cards(workshop.title, tuple(
                (g.name, join_link(workshop.id, g.token), format_join_code(g.join_code or "")) for g in active),
                lang(), join_address())
        except JoinCardsError as exc:
            log.error("join cards failed: %s", exc)
            st.error(t("join_cards_failed"))
        else:
            st.download_button(  # built with the page: see appendix.appendix_files for why not at the click
                t("join_cards"), data=cards, file_name=f"kort-{workshop.id}.pdf", mime="application/pdf",
                key="join-cards")
    st.subheader(t("view_link_heading"), anchor=False)
    st.caption(t("view_link_help"))
    st.code(view_link(workshop.view_token), language=None)
    _projector(store, workshop)
    _manage(store, workshop)


def _projector(store, workshop) -> None:
    """The room's screen: its link, a countdown, and one axis at a time once the results show."""
    lg = lang()
    st.subheader(t("presenter_heading"), anchor=False)
    st.caption(t("presenter_help"))
    st.code(present_link(workshop.view_token), language=None)
    state = snapshot(workshop.id).presenter
    c1, c2, c3 = st.columns([2, 2, 2], vertical_alignment="bottom")
    minutes = c1.number_input(t("timer_label"), min_value=1, max_value=120, value=10, step=1,
                              key=f"timer-min-{workshop.id}")
    try:
        if c2.button(t("timer_start"), key="timer-start", width="stretch"):
            store.set_presenter(workshop.id, timer_minutes=minutes)
            st.rerun()
        if state.timer_end is not None and c3.button(t("timer_stop"), key="timer-stop", width="stretch"):
            store.set_presenter(workshop.id, timer_minutes=None)
            st.rerun()
        keys = [None, *(a.key for a in workshop.axes)]
        names = {a.key: a.name(lg) for a in workshop.axes}
        index = keys.index(state.focus) if state.focus in keys else 0
        c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
        chosen = c1.selectbox(t("focus_label"), keys, index=index, key=f"focus-{workshop.id}-{state.focus}",
                              format_func=lambda k: t("focus_all") if k is None else names[k])
        step = (-1 if c2.button(t("focus_prev"), key="focus-prev", width="stretch") else
                1 if c3.button(t("focus_next"), key="focus-next", width="stretch") else 0)
        if step:
            chosen = keys[(index + step) % len(keys)]
        if chosen != state.focus:
            store.set_presenter(workshop.id, focus=chosen)
            st.rerun()
    except StoreError as exc:
        st.error(plain(exc.message(lg)))


class JoinCardsError(Exception):
    """The child that builds the join cards failed (what it said, for the log; never shown to the room)."""


@st.cache_resource(max_entries=16, show_spinner=False)
def _join_cards(title: str, cards: tuple[tuple[str, str, str], ...], lg: str, address: str) -> bytes:
    """Once per set of cards (QR codes and PDF take a moment), not on every rerun of the console; built in a
    child process (`python -m survey.join_cards`), since importing fpdf and parsing the fonts would keep some
    50 MB in this server for good (peak memory with fifty groups rating: 250 → 229 MB, see the README).
    Raises JoinCardsError when the child fails; nothing is cached then."""
    request = json.dumps({"title": title, "cards": cards, "lang": lg, "address": address})
    try:
        done = subprocess.run([sys.executable, "-m", "survey.join_cards"], input=request.encode(), cwd=ROOT,
                              capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise JoinCardsError(f"{type(exc).__name__}: {exc}") from exc
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        lines = done.stderr.decode(errors="replace").strip().splitlines() or [""]
        # for the log: the exit code and the error's last line, without a link's token (logs hold no tokens)
        raise JoinCardsError(f"exit {done.returncode}: " + re.sub(r"g=[^&\s'\"]+", "g=…", lines[-1])[:300])
    return done.stdout


@st.fragment(run_every="2s")
@guarded
def _status_board(workshop_id: str) -> None:
    store = get_store()
    lg = lang()
    workshop = store.get_workshop(workshop_id, include_deleted=True)
    names = {a.key: a.name(lg) for a in workshop.axes}
    rows = store.status(workshop_id, workshop.current_round)
    done = sum(1 for r in rows if r.submitted_at)
    total = sum(1 for r in rows if r.submitted_at or not r.group.revoked)  # as Store.progress counts
    st.progress(done / total if total else 0.0, text=t("groups_submitted", done=done, total=total))
    table = [
        {
            t("col_group"): r.group.name,
            t("col_status"): t("status_done") if r.submitted_at else t("status_waiting"),
            t("col_time"): r.submitted_at.astimezone().strftime("%H:%M:%S") if r.submitted_at else "",
            t("col_skipped"): ", ".join(names.get(k, k) for k in r.skipped),
            t("col_entered_by"): (t("entered_facilitator") if r.entered_by == "facilitator" else t("entered_group")) if r.submitted_at else "",
        }
        for r in rows
    ]
    if table:
        st.dataframe(pd.DataFrame(table), hide_index=True, key="status-table")
    else:
        st.info(t("no_groups_yet"))


def _paper(store, workshop) -> None:
    lg = lang()
    st.caption(t("paper_help"))
    groups = [g for g in store.groups(workshop.id) if not g.revoked]
    round_ = workshop.current_round
    axes = workshop.axes_for_round(round_)
    if groups:
        by_id = {g.id: g for g in groups}
        gid = st.selectbox(t("col_group"), list(by_id), format_func=lambda i: by_id[i].name, key=f"paper-group-{workshop.id}")
        saved = store.saved_values(workshop.id, gid, round_)
        options = [SKIP, *workshop.scale.categories]
        with st.form(f"paper-{gid}-{round_}"):
            chosen = {}
            cols = st.columns(2)
            for i, axis in enumerate(axes):
                current = saved.get(axis.key)
                index = options.index(current) if current in options else 0
                chosen[axis.key] = cols[i % 2].selectbox(
                    plain(axis.name(lg)), options, index=index, key=f"paper-{gid}-{round_}-{axis.key}",
                    format_func=lambda v: t("skip") if v == SKIP else format_value(v, lg),
                )
            if st.form_submit_button(t("paper_save"), type="primary"):
                values = {k: None if v == SKIP else float(v) for k, v in chosen.items()}
                try:
                    store.submit(workshop.id, gid, values, round=round_, entered_by="facilitator")
                    st.success(t("paper_saved", name=plain(by_id[gid].name)))
                except StoreError as exc:
                    st.error(plain(exc.message(lg)))
    st.subheader(t("import_heading"), anchor=False)
    st.caption(t("import_help"))
    upload = st.file_uploader(t("import_label"), type=["csv", "txt", "xlsx"], key="import-file")
    if upload is not None and st.button(t("import_button"), key="import-go"):
        try:
            ratings = read_ratings(upload.getvalue(), filename=upload.name, scale=workshop.scale, lang=lg)
            written = store.import_ratings(workshop.id, ratings)  # one transaction: all groups or none
        except RatingsFileError as exc:
            st.error(plain(exc.message(lg)))
        except StoreError as exc:
            st.error(t("import_refused", file=plain(upload.name), reason=plain(exc.message(lg))))
        else:
            st.success(t("import_done", n=len(written)))


def _discussion(store, workshop) -> None:
    lg = lang()
    questions = store.questions(workshop.id)
    if not questions:
        st.info(t("no_questions"))
    for q in questions:
        with st.container(border=True, key=f"question-{q.position + 1}"):
            st.markdown(f"**{plain(q.text)}**")
            _answers(workshop.id, q.id)
            with st.form(f"summary-{q.id}"):
                text = st.text_area(t("summary_label"), value=q.summary or "", key=f"summary-text-{q.id}")
                if st.form_submit_button(t("summary_save")):
                    store.set_question_summary(q.id, text)
                    st.success(t("saved"))
    with st.expander(t("edit_questions")):
        # Each question is edited in its own field, keyed by its id: removing one never moves another's
        # answers, and one with answers is removed only when the facilitator says so.
        with st.form(f"questions-edit-{workshop.id}"):
            edited = []
            for i, q in enumerate(questions, start=1):
                c1, c2 = st.columns([5, 1], vertical_alignment="bottom")
                text = c1.text_input(t("question_n", n=i), value=q.text, key=f"question-text-{q.id}", max_chars=500)
                remove = c2.checkbox(t("question_remove"), key=f"question-remove-{q.id}")
                edited.append((q.id, text, remove))
            added = st.text_area(t("questions_new"), key=f"questions-new-{workshop.id}", height=80)
            force = st.checkbox(t("questions_force"), key=f"questions-force-{workshop.id}")
            if st.form_submit_button(t("save")):
                items = [(qid, text) for qid, text, remove in edited if not remove]
                items += [line.strip() for line in added.splitlines() if line.strip()]
                try:
                    store.set_questions(workshop.id, items, force=force)
                    st.rerun()
                except StoreError as exc:
                    st.error(plain(exc.message(lg)))


@st.fragment(run_every="3s")
@guarded
def _answers(workshop_id: str, question_id: int) -> None:
    """The groups' points for one question, kept live while the groups type."""
    question = next((q for q in snapshot(workshop_id).questions if q.id == question_id), None)
    answers = question.answers if question else ()
    if not answers:
        st.caption(t("no_answers_yet"))
    for answer in answers:
        st.markdown(f"*{plain(answer.group)}*")
        for p in answer.points:
            st.markdown(f"- {plain(p)}")


def _round2(store, workshop) -> None:
    lg = lang()
    suggested = snapshot(workshop.id).round2_suggestion()
    st.caption(t("round2_help"))
    names = {a.key: a.name(lg) for a in workshop.axes}
    proposal = list(workshop.round2_axes) or suggested
    # A keyed widget keeps its value when its default changes, so the key follows the proposal:
    # new ratings that change the suggestion start the choice again from it.
    chosen = st.multiselect(t("round2_axes"), list(names), default=proposal, format_func=names.get,
                            key=f"round2-axes-{workshop.id}-{'-'.join(proposal)}",
                            placeholder=t("choose_placeholder"))
    if workshop.current_round == 2:
        st.info(t("round2_running", axes=plain(", ".join(names[k] for k in workshop.round2_axes))))
    if st.button(t("round2_open"), type="primary", disabled=not chosen, key="round2-go"):
        try:
            store.open_round2(workshop.id, chosen)
            st.rerun()
        except StoreError as exc:
            st.error(plain(exc.message(lg)))


def _new_workshop(store) -> None:
    lg = lang()
    st.subheader(t("new_heading"), anchor=False)
    created = st.session_state.pop("facilitator-created", None)
    if created:
        st.success(t("new_created", title=plain(created)))
    axes_df = pd.DataFrame(
        [{"name_sv": a.name_sv, "name_en": a.name_en, "description_sv": a.description_sv,
          "description_en": a.description_en} for a in DEFAULT_AXES]
    )
    with st.form("new-workshop"):
        title = st.text_input(t("new_title"), max_chars=120)
        c1, c2, c3 = st.columns(3)
        when = c1.text_input(t("new_date"), value=date.today().isoformat(), max_chars=20, placeholder=t("date_format"))
        place = c2.text_input(t("new_place"), max_chars=80)
        federation = c3.text_input(t("new_federation"), max_chars=120)
        scale_spec = st.text_input(t("new_scale"), value="1:5:0.5", help=t("new_scale_help"))
        st.caption(t("new_axes_help"))
        edited = st.data_editor(axes_df, num_rows="dynamic", key="new-axes", hide_index=True, column_config={
            "name_sv": st.column_config.TextColumn(t("axis_name_sv"), required=True),
            "name_en": st.column_config.TextColumn(t("axis_name_en")),
            "description_sv": st.column_config.TextColumn(t("axis_desc_sv")),
            "description_en": st.column_config.TextColumn(t("axis_desc_en")),
        })
        questions = st.text_area(t("questions_one_per_line"), value="\n".join(DEFAULT_QUESTIONS[lg]), height=120)
        sent = st.form_submit_button(t("new_create"), type="primary")
    if not sent:
        return
    day = _day(when, t("new_date"))
    if day is None:
        return
    try:
        scale = Scale.parse(scale_spec)
    except ScaleError:
        st.error(t("new_bad_scale", spec=plain(scale_spec)))
        return
    from analysis.model import axis_for_name

    axes: list[Axis] = []
    for row in edited.to_dict("records"):
        name = (row.get("name_sv") or "").strip()
        if not name:
            continue
        base = axis_for_name(name, {a.key for a in axes})
        axes.append(Axis(base.key, name, (row.get("name_en") or "").strip() or name,
                         (row.get("description_sv") or "").strip(), (row.get("description_en") or "").strip()))
    try:
        workshop = store.create_workshop(
            title, day, place=place, federation=federation, scale=scale, axes=axes,
            questions=[q.strip() for q in questions.splitlines() if q.strip()], unique_title=True,
        )
    except StoreError as exc:
        st.error(plain(exc.message(lg)))
        return
    st.session_state["facilitator-next"] = workshop.id
    st.session_state["facilitator-created"] = workshop.title
    st.rerun()


def _manage(store, workshop) -> None:
    """Rename the workshop, or move it to the bin (with a confirmation; the bin can bring it back)."""
    lg = lang()
    with st.expander(t("manage_heading")):
        with st.form(f"rename-{workshop.id}"):
            title = st.text_input(t("rename_title"), value=workshop.title, max_chars=200)
            c1, c2, c3 = st.columns(3)
            when = c1.text_input(t("rename_date"), value=workshop.date, max_chars=20, placeholder=t("date_format"))
            place = c2.text_input(t("rename_place"), value=workshop.place, max_chars=200)
            federation = c3.text_input(t("rename_federation"), value=workshop.federation, max_chars=200)
            if st.form_submit_button(t("rename_save")) and (day := _day(when, t("rename_date"))) is not None:
                try:
                    store.update_workshop(workshop.id, title=title, date=day, place=place,
                                          federation=federation, unique_title=True)
                    st.rerun()
                except StoreError as exc:
                    st.error(plain(exc.message(lg)))
        st.caption(t("delete_help"))
        confirm = st.checkbox(t("delete_confirm", title=plain(workshop.title)), key=f"delete-confirm-{workshop.id}")
        if st.button(t("delete_button"), disabled=not confirm, key=f"delete-{workshop.id}"):
            store.delete_workshop(workshop.id)
            st.session_state.pop("facilitator-workshop", None)
            st.query_params.pop("w", None)
            st.session_state["facilitator-deleted"] = workshop.title
            st.rerun()
    deleted = st.session_state.pop("facilitator-deleted", None)
    if deleted:
        st.toast(t("deleted_toast", title=plain(deleted)))


def _day(text: str, field: str) -> str | None:
    """A date typed as 2026-12-01 (a text field, not Streamlit's date picker: its calendar speaks only English),
    or None after saying in Swedish which field is wrong and how to write it."""
    try:
        return date.fromisoformat((text or "").strip()).isoformat()
    except ValueError:
        st.error(t("bad_date", field=field, value=plain((text or "").strip()) or "–"))
        return None


def _bin(store) -> None:
    """Workshops moved to the bin, each with a button that brings it back as it was."""
    deleted = store.deleted_workshops()
    if not deleted:
        return
    st.subheader(t("bin_heading"), anchor=False)
    labels = workshop_labels(deleted, lang())
    for w in deleted:
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(plain(labels[w.id]))
        if c2.button(t("restore_workshop"), key=f"restore-workshop-{w.id}", width="stretch"):
            store.restore_workshop(w.id)
            st.session_state["facilitator-next"] = w.id
            st.rerun()
