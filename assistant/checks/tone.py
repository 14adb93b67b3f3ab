"""Tone finders: rudeness, refusals, blame, shouting, канцелярит, promises, «ты»."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .context import QUOTES as _QUOTED
from ..lexicon import Match
from ..morph import parse, parses, plural_order
from .completeness import imperative_at, names_a_term
from .context import Context, per_check
from .model import Hit
from .phrases import matches, phrase_finder

# --- rude ---------------------------------------------------------------------

# «Глупая ситуация», «дурацкая ошибка с нашей стороны», «такая задержка — это ненормально»: the harsh word
# judges what happened, often while owning it, not the customer.
_JUDGING = frozenset({"глупый", "глупо", "дурацкий", "идиотский", "нелепый", "ненормальный", "ненормально"})
_WHAT_HAPPENED = frozenset({"ситуация", "ошибка", "задержка", "история", "путаница", "накладка", "сбой",
                            "получиться", "выйти"})


def _judges_what_happened(ctx: Context, m: Match) -> bool:
    """A lone harsh adjective in a sentence about the situation or an error («глупо получилось»)."""
    if m.first != m.last or ctx.words[m.first].lemma not in _JUDGING:
        return False
    start, stop = ctx.sentence_of(m.start)
    return any(start <= w.start < stop and w.lemma in _WHAT_HAPPENED for w in ctx.words)


find_rude_phrases = phrase_finder("rude", accept=lambda ctx, m: not _judges_what_happened(ctx, m))


def find_obscene(ctx: Context) -> Iterable[Hit]:
    """Swearing: any token whose normalised form is in the obscene list."""
    obscene = ctx.resources.obscene
    for w in ctx.words:
        if w.norm in obscene:
            yield Hit(w.start, w.stop, "уберите грубое слово")


# A grin or a wink after a remark to a customer with a problem reads as mockery («классика 🙂»);
# warm sentences («Рады, что понравилось 😊») and replies to praise are left alone.
# Mocking faces read as a smirk whatever the customer wrote; friendly ones only in a reply to a complaint,
# where «бывает 🙂» laughs at the problem. A smiley in a plain helpful answer is friendly, not rude.
_MOCKING = re.compile(r"[😂🤣😏🙃🤷🤭😜🤪🙄😛]|\){3,}")
_SMIRK = re.compile(r"[🙂😉😄😁😂🤣😏🙃🤷😅🤭😆😜🤪🙄😛]|[;:]-?\)|\){2,}")
_WARM = frozenset({"спасибо", "благодарить", "рад", "радовать", "приятно", "приятный", "поздравлять", "поздравить",
                   "праздник", "рождение", "здорово", "отлично", "отличный", "замечательный", "добро", "пожаловать",
                   "удачный", "удача", "счастливый", "желать", "любить", "понравиться",
                   "звать", "живой"})  # «меня зовут Олег», «я живой человек 🙂» introduce the operator
# Words that make a neutral reply's friendly smiley ironic: «Ну логично же, что вернём только оплаченное 🙂»,
# «Да уж, терпения понадобилось немало 🙂». Without them «Перенос бесплатный 🙂» stays friendly.
_IRONY = frozenset({"ну", "же", "ж", "уж", "ого", "видимо", "логично", "делов-то", "ладно", "все-таки", "всетаки",
                    "несложно", "нетрудно", "элементарно", "общеизвестно"})
# A lesson with a smile is a smirk even where the sentence also names a term or gives an instruction: «три возврата
# за месяц — это, согласитесь, многовато 🙂», «на будущее — согласовывайте закупку заранее 🙂», «кстати, пишется
# «юрлицо» 🙂»; so is a reading lesson with one («это в описании первой строкой написано 🙂», «достаточно пролистать
# чуть ниже 🙂»), and doubting the customer in a question with a wink: «А вы точно CVC правильно вводите? 😉».
_LESSON = frozenset({"согласитесь", "разумеется", "будущее", "пишется", "написано", "указано", "пролистать",
                     "пролистайте", "арифметика", "очевидно"})
_DOUBT = frozenset({"точно", "правда", "действительно", "вообще"})
_YOU = frozenset({"вы", "вас", "вам"})
_SAME = frozenset({"тот", "такой", "так", "там", "тогда", "туда", "сюда", "тут", "здесь", "сейчас", "один"})


def _ironic(words) -> bool:
    """An irony word among the words before the smiley; «тот же», «так же» name the same thing and are not one.
    A contrast «X, а не Y» right before a smiley mocks the question: «это служба поддержки, а не отдел кадров 🙂»
    («хранится в профиле, а не в телефоне, так что всё будет на месте 🙂» explains and goes on)."""
    for i, w in enumerate(words):
        if w.norm in _IRONY and not (w.norm in ("же", "ж") and i > 0 and words[i - 1].lemma in _SAME):
            return True
        if w.norm == "не" and i > 0 and words[i - 1].norm == "а" and len(words) - i <= 4:
            return True
    return False


def _lesson(words, question: bool) -> bool:
    """A lesson word before the smiley, or a question that doubts what the customer did."""
    if any(w.norm in _LESSON for w in words):
        return True
    return question and any(w.norm in _DOUBT for w in words) and any(w.norm in _YOU for w in words)


def _smile_spans(ctx: Context) -> list[tuple[int, int]]:
    """The draft's sentences, a smiley standing alone after a sentence end («…вводите? 😉») joined to the
    sentence it comments on."""
    out: list[tuple[int, int]] = []
    for s in ctx.draft.sentences:
        if out and not ctx.words_between(s.start, s.stop) and _SMIRK.search(ctx.draft.text, s.start, s.stop):
            out[-1] = (out[-1][0], s.stop)
        else:
            out.append((s.start, s.stop))
    return out


def _reproach_before(ctx: Context, start: int, smile: int) -> bool:
    """«Надо было сначала проверить размеры 🙂»: a reproach in the sentence before the smile makes it a smirk."""
    return any(start <= b.start < smile for b in matches(ctx, "blame"))


def find_sarcasm(ctx: Context) -> Iterable[Hit]:
    """A sentence with a mocking face, or any grin in a reply to a complaint or, in a neutral reply, after
    «ну», «же», «уж», that is not warm."""
    text = ctx.draft.text
    for start, stop in _smile_spans(ctx):
        words = ctx.words_between(start, stop)
        m = _SMIRK.search(text, start, stop)
        before = ctx.words_between(start, m.start()) if m is not None else []
        lesson = m is not None and _lesson(before, "?" in text[start:m.start()])
        # after praise only a mocking face is a jibe («вы просто не искали 🙄»); «Ну, спасибо 🙂» is friendly there
        if m is not None and ctx.mood != "negative" and (ctx.mood == "positive" or not (
                lesson or _ironic(before) or _reproach_before(ctx, start, m.start()))):
            m = _MOCKING.search(text, start, stop)
        if m is None:
            continue
        mocking = bool(_MOCKING.search(m.group()))
        if (len(words) < 2 and not mocking) or any(w.lemma in _WARM for w in words):
            continue
        if not mocking and any(start <= a.start < m.start() for a in matches(ctx, "apology")):
            continue  # «Понимаем 🙂 Да, вернуть можно»: the smile comes with sympathy
        if not (mocking or lesson) and any(is_instruction_at(ctx.words, i) for i in ctx.word_range(start, m.start())):
            continue  # «переверните стул и покрутите ножку 🙂» is a friendly instruction, not a jibe
        if not (mocking or lesson) and names_a_term(text[start:m.start()]):
            continue  # «Посылка на сортировке, до 11-го будет в пункте 🙂» smiles at good news with a date
        yield Hit(start, m.end(), None)  # the remark up to the smiley; what follows may be fine


MODEL_MIN_WORDS = 4  # «Ожидайте.» is curt, not rude: short sentences are left to the rules
# A sentence another code's phrases already explain is left to that code («претензии к продавцу не принимаются»
# shifts the blame; flagging it as a refusal too would double-count one defect). The blame model also leaves
# what the rude phrases explain: it reads mockery («это элементарно») as blame.
DEFER_TO = {"rude": ("blame", "categorical", "overpromise"), "categorical": ("blame",), "blame": ("blame", "rude")}
# A sentence that apologises or sympathises is not left to a model's guess: the rude model over-reads «очень
# жаль, что…» as sarcasm, the refusal model «простите, так работать не должно» as a refusal. Open condescension
# or a flat refusal in such a sentence («жаль, что вы не умеете читать») is still a phrase rule's. Nor is the
# blame model asked about a sentence that names a rule as the reason («это правило гигиены, а не наше решение»)
# or offers a way («вопросы к нему можно задать в чате заказа»): it over-reads «а не наше…», «вопросы к…».
# Nor is the rude or the blame model asked about advice for what the customer is about to do («Перед установкой
# внимательно прочитайте инструкцию»): the lessons they learned read «внимательно прочитайте» as one.
# A veto names a lexicon, or a finder of matches where the raw lexicon says too much: hindsight («можно было
# проверить при курьере») is in the alternative lexicon's words but offers no way, so it vetoes nothing.
VETO = {"rude": ("apology", "advice_before"), "categorical": ("apology",),
        "blame": ("apology", "rule_reason", lambda ctx: _forward_alternatives(ctx), "advice_before")}
# A refusal refuses: the categorical model needs one of these in the sentence, and no alternative.
_REFUSAL_CUES = frozenset({"нельзя", "невозможно", "невозможный", "нет", "отказ", "отказать", "запрещать",
                           "запретить", "запрещаться", "запрещенный", "только", "никакой", "никак", "обязать",
                           "должный", "положено"})


def _refusal_sentence(ctx: Context, start: int, stop: int) -> bool:
    words = ctx.words_between(start, stop)
    if not any(w.lemma in _REFUSAL_CUES or w.norm in _REFUSAL_CUES for w in words):
        return False
    if _NOT_ENTITLED.search(ctx.draft.text, start, stop):
        return False  # «сотрудник не имел права запрещать проверку» judges a refusal, it makes none
    r = ctx.word_range(start, stop)
    if r and _answers_a_fact(ctx, stop, r.start, r.stop - 1):
        return False
    return not _alternative_after(ctx, start, start)  # as for the phrase rules: in it or in the next sentence


def model_finder(code: str):
    """Finder for sentences the code's sentence model scores above its threshold."""

    def find(ctx: Context) -> Iterable[Hit]:
        res = ctx.resources
        if res.sentence_model(code) is None:
            return
        threshold = res.threshold(code)
        explained = [m.start for name in DEFER_TO[code] + VETO[code]
                     for m in (name(ctx) if callable(name) else matches(ctx, name))]
        asked = [s for s in ctx.draft.sentences
                 if len(s.text.split()) >= MODEL_MIN_WORDS and not any(s.start <= a < s.stop for a in explained)
                 and (code != "categorical" or _refusal_sentence(ctx, s.start, s.stop))]
        # quoting the customer is not our tone
        scores = res.sentence_scores(code, [_QUOTED.sub("«…»", s.text) for s in asked])
        if scores:
            ctx.note_doubt(code, max(scores), threshold)
        for s, p in zip(asked, scores):
            if p >= threshold:
                yield Hit(s.start, s.stop, None)

    find.__name__ = f"find_{code}_model"
    return find


find_rude_model = model_finder("rude")
find_categorical_model = model_finder("categorical")
find_blame_model = model_finder("blame")


# --- categorical ----------------------------------------------------------------

_HINDSIGHT = frozenset({"было", "бы"})  # «надо было смотреть» reproaches, it offers nothing
# Imperatives that send the customer away rather than show a way: «ищите сами», «уточняйте у продавца».
_BRUSH_OFF = frozenset({"искать", "уточнять", "обращаться", "разбираться", "выкручиваться", "довольствоваться"})
# «Возврат невозможен. Заберите заказ до 24-го»: taking the order as it is accepts the refusal, it is no way out.
_ACCEPT_AS_IS = frozenset({"забрать", "забирать", "получить", "получать"})


def _without_hindsight(words, found: list[Match]) -> list[Match]:
    """The matches not followed by «было»/«бы» («можно было», «нужно бы»: hindsight, not a way forward)."""
    return [m for m in found if not (m.last + 1 < len(words) and words[m.last + 1].norm in _HINDSIGHT)]


@per_check
def _forward_alternatives(ctx: Context) -> list[Match]:
    """The alternative lexicon's matches that are no hindsight."""
    return _without_hindsight(ctx.words, matches(ctx, "alternative"))


@per_check
def alternatives(ctx: Context) -> list[Match]:
    """Alternative cues and modal offers of the draft, without hindsight, in the order they stand."""
    words = ctx.words
    # an offer's «*@INFN» makes the matcher leave negation to the phrase: «мы не можем ничего изменить» offers nothing
    offers = [m for m in matches(ctx, "offer") if not (m.first > 0 and words[m.first - 1].norm in ("не", "ни"))]
    return sorted(_forward_alternatives(ctx) + _without_hindsight(words, offers), key=lambda m: m.start)


def _way_forward(ctx: Context, i: int) -> bool:
    """Word i offers a way forward: an instruction the customer can follow, or «мы сделаем» (a promised action)."""
    w = ctx.words[i]
    if is_instruction_at(ctx.words, i):
        # an imperfective order after a refusal is a curt command («Оформляйте заново», «Забирайте на Ленина»),
        # not a way forward: offered options are perfective («оформите обмен», «пришлите фото»)
        if "impf" in parse(w.norm).tag or w.lemma in _BRUSH_OFF or w.lemma in _ACCEPT_AS_IS:
            return False
        nxt = ctx.words[i + 1].norm if i + 1 < len(ctx.words) else ""
        return nxt not in ("сами", "сам")
    tag = parse(w.norm).tag
    return ("VERB" in tag and "1per" in tag and "plur" in tag and "futr" in tag and "perf" in tag
            and (i == 0 or ctx.words[i - 1].norm not in ("не", "ни")))


def _alternative_after(ctx: Context, start: int, stop: int) -> bool:
    """An alternative after the refusal span [start, stop) in its sentence, or in the next sentence."""
    sents = ctx.draft.sentences
    idx = next((i for i, s in enumerate(sents) if s.start <= start < s.stop), None)
    if idx is None:
        return False
    window_end = sents[idx + 1].stop if idx + 1 < len(sents) else sents[idx].stop
    if any(stop <= alt.start < window_end for alt in alternatives(ctx)):
        return True
    # an instruction right after the refusal («создайте заявку…») or our promise («передадим продавцу») is one too
    return any(stop <= w.start < window_end and _way_forward(ctx, i) for i, w in enumerate(ctx.words))


def _offers_alternative(ctx: Context, m: Match) -> bool:
    """An alternative after the refusal in its sentence, or in the next sentence; «только …» after a refusal in
    its sentence names what can be done («по телефону не принимаем, только сайт или приложение»)."""
    if _alternative_after(ctx, m.start, m.stop):
        return True
    _, stop = ctx.sentence_of(m.start)
    after = ctx.words_between(m.stop, stop)
    return any(w.norm in _ONLY for w in after[:-1])  # «только» with words after it


_NOT_YET = frozenset({"пока", "ещё", "еще", "уже"})


_CLAUSE_END = re.compile(r"\s*(?:[.!,;:—–-]|$)")


def _not_yet(ctx: Context, m: Match) -> bool:
    """«Информации пока нет», «жаль, что информации нет в карточке»: a state, not a flat «X нет» refusal."""
    words = ctx.words
    if words[m.last].norm != "нет" or m.phrase.positions[-1] != ("нет",) and "нет" not in m.phrase.text.split()[-1]:
        return False
    if any(w.norm in _NOT_YET or w.norm == "что" for w in words[max(0, m.first - 2):m.last]):
        return True
    if m.first > 0 and "PREP" in parse(words[m.first - 1].norm).tag:
        return True  # «комиссии за возврат нет»: the refused thing would be the head noun, not «возврат»
    return not _CLAUSE_END.match(ctx.draft.text, m.stop)  # «нет в карточке» describes a place


def _inside_blame(ctx: Context, m: Match) -> bool:
    """The refusal is part of a blame phrase («мы за это не отвечаем»), of a sentence a blame phrase opens
    («Задержка на стороне службы доставки, мы на их сроки не влияем»), or says what «we» cannot do in a sentence
    that sends the customer elsewhere («мы его изменить не можем, это вопрос к производителю»): blame already
    flags that defect. «Не меняется — выбирать надо было внимательнее» refuses and then blames: both."""
    start, stop = ctx.sentence_of(m.start)
    blamed = [b for b in matches(ctx, "blame") if start <= b.start < stop]
    if any((b.start <= m.start and m.stop <= b.stop) or b.start < m.start for b in blamed):
        return True
    return bool(blamed) and any(w.lemma in _WE_OURS for w in ctx.words[max(0, m.first - 2):m.last + 1])


_WE_OURS = frozenset({"мы", "наш"})


# A refusal that says why or when is an answer, not a wall: «Нет, доставка не возвращается, только при браке»,
# «Наличными деньги не выдаются: возврат приходит тем же способом, которым вы платили», «не отправляем, если
# до конца срока меньше полугода».
_BECAUSE = re.compile(r"(?<!\w)(?:потому что|так как|поскольку|из-за|если|когда|поэтому|по закону|"
                      r"(?:только|исключительно) (?:при|если|для|в случае|после|пока|до))(?!\w)", re.IGNORECASE)
_EXPLAINED_BY = re.compile(r"\s*[:—–]\s*")
EXPLANATION_MIN_WORDS = 5


def _explained(ctx: Context, m: Match) -> bool:
    """The refusal's sentence goes on to give a reason or a condition after it."""
    _, stop = ctx.sentence_of(m.start)
    if any(m.stop <= b.start < stop for b in matches(ctx, "blame")):
        return False  # «не меняется — выбирать надо было внимательнее» explains nothing, it blames
    text = ctx.draft.text
    # from the phrase's last word on: «доступна только | при сумме от 3 000 ₽» ends the phrase on «только»
    if _BECAUSE.search(text, ctx.words[m.last].start, stop):
        return True
    rest = text[m.stop:stop]
    colon = _EXPLAINED_BY.match(rest)
    return bool(colon) and len(re.findall(r"\w+", rest[colon.end():])) >= EXPLANATION_MIN_WORDS


_WE = frozenset({"мы", "я"})


def _someone_may(ctx: Context, m: Match) -> bool:
    """«иначе продавец может отказать в приёмке» warns what a third party may do; «мы можем отказать» refuses."""
    words = ctx.words
    return (m.first > 0 and words[m.first - 1].lemma == "мочь" and parse(words[m.first].norm).tag.POS == "INFN"
            and (m.first < 2 or words[m.first - 2].norm not in _WE))


_ALL = frozenset({"все", "всех", "всем", "всей", "всего", "весь", "вся", "всё"})
_ONE_FOR_ALL = frozenset({"один", "одинаковый"})
_PEOPLE = frozenset({"покупатель", "покупательница", "клиент", "пользователь", "человек", "заказчик", "получатель"})


def _all_of_a_kind(ctx: Context, m: Match) -> bool:
    """«цена одинаковая для всех размеров» states a fact about things; «правила одни для всех (покупателей)»
    is the rule given as the whole answer."""
    words = ctx.words
    for j in range(m.first, min(m.last + 1, len(words) - 1)):
        if words[j].norm in _ALL and j > 0 and words[j - 1].norm == "для":
            nxt = words[j + 1]
            if nxt.lemma in _ONE_FOR_ALL:  # «правила для всех одни»: the phrase itself goes on
                continue
            if nxt.lemma not in _PEOPLE and parse(nxt.norm).tag.POS in ("NOUN", "ADJF"):
                return True
    return False


_FINALLY = frozenset({"окончательно", "бесповоротно"})


# «не *@VERB,1per,plur» catches «не передаём», «не будем»; these verbs say what we do not need, take or know
# («комиссию не берём», «мы не видим заказ»), and «не передаём третьим лицам» is a privacy promise.
_NOT_A_REFUSAL = frozenset({"видеть", "знать", "понимать", "находить", "найти", "получать", "слышать", "сомневаться",
                            "иметь", "спать", "брать", "взимать", "требовать", "списывать", "забывать", "забыть",
                            "оставлять", "оставить", "бросать", "бросить", "хранить", "просить", "беспокоить",
                            "торопить", "ограничивать", "издеваться", "обманывать", "обмануть", "скрывать",
                            "советовать", "рекомендовать"})


def _we_do_not_need(ctx: Context, m: Match) -> bool:
    """A first-person «не …ем» that states what we do not take, need or know, not what we refuse to do."""
    if m.phrase.text.split()[:2] != ["не", "*@VERB,1per,plur"]:
        return False
    words = ctx.words
    if words[m.last].lemma in _NOT_A_REFUSAL:
        return True
    _, stop = ctx.sentence_of(m.start)
    return "третьим лицам" in ctx.draft.text[m.stop:stop].lower()


def _for_now(ctx: Context, m: Match) -> bool:
    """«Страница временно недоступна», «точную дату пока сообщить не можем» report a state that will end, they
    refuse nothing."""
    start, _ = ctx.sentence_of(m.start)
    return any(w.norm in ("временно", "пока") for w in ctx.words[max(0, m.first - 3):m.first] if w.start >= start)


def _caution(ctx: Context, m: Match) -> bool:
    """«Ни в коем случае не вводите данные карты» warns the customer, it refuses them nothing."""
    words = ctx.words
    return (ctx.draft.text[m.start:m.stop].lower().startswith("ни в коем")
            and any(w.norm == "не" and i + 1 < len(words) and plural_order(words[i + 1].norm)
                    for i, w in enumerate(words[m.last + 1:m.last + 3], m.last + 1)))


def _not_final(ctx: Context, m: Match) -> bool:
    """«эти 3 490 ₽ не списаны окончательно» says a thing is not final yet, «окончательно деньги спишутся при
    передаче» says when: no refusal."""
    words = ctx.words
    if not (m.first == m.last and words[m.first].norm in _FINALLY):
        return False
    if any(w.norm == "не" for w in words[max(0, m.first - 2):m.first]):
        return True
    return any("VERB" in parse(w.norm).tag for w in words[m.last + 1:m.last + 3])


_REASON_BEFORE = re.compile(r"(?<!\w)(?:поэтому|потому|поскольку|так как|из-за (?:этого|чего)|по этой причине|"
                            r"по закону|в связи с этим|вот и|в соответствии с|согласно|по условиям|по правилам)(?!\w)",
                            re.IGNORECASE)


def _reason_before(ctx: Context, m: Match) -> bool:
    """«В корзине товары без плашки, поэтому система его не применяет»: the reason comes first, in the sentence."""
    start, _ = ctx.sentence_of(m.start)
    return bool(_REASON_BEFORE.search(ctx.draft.text, start, m.start))


_SORRY_THAT = frozenset({"что", "когда"})


def _regretted(ctx: Context, m: Match) -> bool:
    """«Извините, что заявку отклоняли без объяснений»: the refusal is what we apologise for, not what we say."""
    start, _ = ctx.sentence_of(m.start)
    apologies = [a for a in matches(ctx, "apology") if start <= a.start < m.start]
    return any(w.norm in _SORRY_THAT for a in apologies for w in ctx.words_between(a.stop, m.start))


def _describes(ctx: Context, m: Match) -> bool:
    """«товары, на которые акция не распространяется» describes things in a relative clause, it refuses nothing."""
    start = ctx.draft.text.rfind(",", 0, m.start)
    return any(w.lemma == "который" for w in ctx.words_between(max(start, 0), m.start)[-4:])


# What a refusal can come after in its sentence and then only limits: «Вернём полную стоимость часов, а плату за
# доставку не возвращаем», «504 00 можно лить туда, где нужен 502 00, наоборот — нельзя».
_GRANTS = frozenset({"вернуть", "возместить", "компенсировать", "обменять", "заменить", "принять", "выплатить",
                     "начислить", "доставить", "отправить", "оставить", "сохранить", "закрепить", "зафиксировать"})
# … or what will come to the customer: «2 450 ₽ придут на карту, баллами не возвращаем»
_COMES = frozenset({"прийти", "вернуться", "поступить", "зачислить", "зачислиться"})


def _grants_before(ctx: Context, m: Match) -> bool:
    """Earlier in its sentence the draft grants something (a plain «можно», «вернём», «заменим», «промокод
    действует на…») or says what to do («Пришлите фото, без фото заявку не рассматриваем»): the refusal draws
    the line of what was granted, the customer is not left facing a wall."""
    start, _ = ctx.sentence_of(m.start)
    r = ctx.word_range(start, m.start)
    words = ctx.words
    for i in r:
        w = words[i]
        if i > r.start and words[i - 1].norm in ("не", "ни"):
            continue
        if w.norm in ("можно", "действует", "действуют") or is_instruction_at(words, i):
            return True
        if w.lemma in _GRANTS or w.lemma in _COMES:
            tag = parse(w.norm).tag
            person = "1per" if w.lemma in _GRANTS else "3per"
            if person in tag and "futr" in tag:
                return True
    return False


# Declines that are a bank's or a payment system's, not ours: «Ваш платёж отклонён», «отклоняет ваш банк».
_PAYMENT = frozenset({"платёж", "платеж", "оплата", "операция", "транзакция", "карта", "банк", "списание", "перевод"})
_DECLINE = frozenset({"отклонить", "отклонять", "отклониться", "отклоняться"})


def _payment_declined(ctx: Context, m: Match) -> bool:
    words = ctx.words
    if not any(words[j].lemma in _DECLINE for j in range(m.first, m.last + 1)):
        return False
    near = words[max(0, m.first - 3):min(len(words), m.last + 4)]
    return any(w.lemma in _PAYMENT for w in near)


# «они не будут использоваться для рассылок», «не будут передаваться третьим лицам»: what we promise not to do
# with the customer's data.
_DATA_USE = frozenset({"использоваться", "передаваться", "публиковаться", "разглашаться", "показываться",
                       "раскрываться", "продаваться"})


def _data_promise(ctx: Context, m: Match) -> bool:
    return ctx.words[m.last].lemma in _DATA_USE


_NOT_ENTITLED = re.compile(r"\s*(?<!\w)(?:не\s+(?:должн\w*|имел\w*\s+права|имеют\s+права|стоило|следовало|"
                           r"надо\s+было|нужно\s+было))(?!\w)", re.IGNORECASE)
_WHY = frozenset({"почему", "отчего", "зачем"})


def _not_entitled(ctx: Context, m: Match) -> bool:
    """«так отказывать не должны были», «не имел права запрещать»: the refusal is judged wrong, not made."""
    start, _ = ctx.sentence_of(m.start)
    text = ctx.draft.text
    return bool(_NOT_ENTITLED.match(text, m.stop) or _NOT_ENTITLED.search(text, max(start, m.start - 30), m.start))


_SO = frozenset({"так"})
_WAS = frozenset({"был", "была", "были", "было"})


def _judged_conduct(ctx: Context, m: Match) -> bool:
    """«так разговаривать с покупателями нельзя» judges someone's conduct; «сотрудник должен был разрешить»
    names a third party's duty; neither refuses the customer anything."""
    words = ctx.words
    before = words[max(0, m.first - 5):m.first]
    if words[m.last].norm == "нельзя" and any(w.norm in _SO for w in before) and \
            any(parse(w.norm).tag.POS == "INFN" for w in before):
        return True
    return (words[m.last].lemma == "должный" and m.last + 1 < len(words) and words[m.last + 1].norm in _WAS
            and not any(w.norm == "вы" for w in words[max(0, m.last - 2):m.last]))  # «вы должны были» reproaches


def _gives_the_reason(ctx: Context, m: Match) -> bool:
    """«такие предложения мы не рассматриваем: передача данных запрещена»: the match is the reason after a colon."""
    start, _ = ctx.sentence_of(m.start)
    return ":" in ctx.draft.text[start:m.start]


def _asks_why(ctx: Context, m: Match) -> bool:
    """«мы проверим, почему новый пароль не принимается»: an indirect question about the refusal."""
    return any(w.norm in _WHY for w in ctx.words[max(0, m.first - 4):m.first])


_CONDITIONAL = frozenset({"если", "ли", "когда", "чтобы"})  # «чтобы вы больше не искали» states a purpose


_CLAUSE_BREAK = re.compile(r"[,;:—–.!?]|\s-\s")


def _conditional(ctx: Context, m: Match) -> bool:
    """«Если вы ещё не забрали заказ, …» states a case: it blames nobody, and «Если что-то не получится,
    звоните» refuses nothing (blame and refusals share the check).

    A condition closed before the phrase («а если нет — отвечать будет он, не мы») no longer covers it.
    """
    before = ctx.words[max(0, m.first - 3):m.first]  # «Если к четвергу не успеем, напишу заранее»
    text = ctx.draft.text
    return any(w.norm in _CONDITIONAL and not _CLAUSE_BREAK.search(text, w.stop, m.start) for w in before)


# What makes a question a request for something to be done: «Можно обменять?», «Хочу вернуть», «Верните деньги».
_REQUEST_CUES = frozenset({"можно", "мочь", "хотеть", "хотеться", "просить", "нужно", "надо", "необходимо",
                           "возможность", "возможно", "реально", "получиться", "разрешить", "нельзя"})


@per_check
def asks_about_a_fact(ctx: Context) -> bool:
    """The customer asks how things are («Есть кэшбэк на сертификаты?», «Вернут всю сумму или только…?», «Влезет в
    постамат?»), not for something to be done («Можно обменять?», «Верните деньги»)."""
    msg = ctx.message
    if msg is None or "?" not in msg.text:
        return False
    # an infinitive asks how to do something («Как удалить аккаунт?», «Как связаться с руководством?»)
    return not any(w.lemma in _REQUEST_CUES or plural_order(w.norm) or parse(w.norm).tag.POS == "INFN"
                   for w in msg.words)


def _we_refuse(words) -> bool:
    """A verb in «we» form: «пробники не предоставляем» refuses, «кэшбэк не начисляется» states a rule."""
    return any((tag := parse(w.norm).tag).POS == "VERB" and "1per" in tag and "plur" in tag for w in words)


def _answers_a_fact(ctx: Context, stop: int, first: int, last: int) -> bool:
    """A limit or a «нет» (words first..last) that answers a question about a fact and goes on past `stop` to explain
    («В постамат не влезет, коробка 90×60×40. Только пункт выдачи или курьер.»): an answer, not a wall. A bare «Оптовых скидок нет.»
    and «we» refusing («пробники не предоставляем») stay walls."""
    if not asks_about_a_fact(ctx) or _we_refuse(ctx.words[first:last + 1]):
        return False
    return _goes_on(ctx, stop)


def _fact_answered(ctx: Context, m: Match) -> bool:
    return _answers_a_fact(ctx, m.stop, m.first, m.last)


# What turns a refusal phrase into something else: a way out, a reason, a state, a case, a judgement, a question
# or a promise.
_NOT_A_WALL = (_offers_alternative, _inside_blame, _not_yet, _conditional, _explained, _someone_may, _all_of_a_kind,
               _not_final, _for_now, _we_do_not_need, _reason_before, _regretted, _describes, _payment_declined,
               _data_promise, _not_entitled, _asks_why, _judged_conduct, _gives_the_reason, _grants_before,
               _caution, _fact_answered)
find_categorical = phrase_finder("categorical", accept=lambda ctx, m: not any(p(ctx, m) for p in _NOT_A_WALL))

_PLEASE = frozenset({"пожалуйста", "спасибо", "благодарить"})


CURT_MAX_WORDS = 5


# A quoted button or section name, or a number, makes a bare order a concrete instruction.
_CONCRETE = re.compile(r"[«\"“]|\d")
_WELCOME = frozenset({"обращаться"})
# Orders that leave the customer waiting or on their own. A bare order to do the thing that helps («Оформите
# возврат.», «Попробуйте СБП.», «Переустановите приложение.») is terse, but it is the way forward: reviewers
# flag its missing greeting, not a wall.
_NO_WAY_FORWARD = frozenset({"ждать", "ожидать", "подождать", "дожидаться", "искать", "поискать", "разбираться",
                             "читать", "прочитать", "почитать", "смотреть", "посмотреть", "пользоваться",
                             "обращаться", "звонить", "писать", "жаловаться", "терпеть"})


def find_curt_command(ctx: Context) -> Iterable[Hit]:
    """A reply that is nothing but a bare order that helps nothing («Ожидайте.», «Пользуйтесь поиском.»).

    No greeting, no «пожалуйста», no reason, one short sentence: the customer gets a command, not help.
    """
    sents = [s for s in ctx.draft.sentences if s.text.strip()]
    if len(sents) != 1 or matches(ctx, "greeting") or matches(ctx, "apology"):
        return
    words = ctx.words
    if not words or len(words) > CURT_MAX_WORDS or not plural_order(words[0].norm):
        return
    if words[0].lemma not in _NO_WAY_FORWARD or matches(ctx, "blame"):
        return  # «Обращайтесь в банк.» sends the customer away: that is blame's to flag
    if any(w.lemma in _PLEASE or w.norm in _PLEASE for w in words):
        return
    if _CONCRETE.search(sents[0].text) or (words[0].lemma in _WELCOME and ctx.mood == "positive"):
        return  # «Нажмите «Отправить повторно» через 60 секунд» is help; «Обращайтесь 🙂» answers thanks
    yield Hit(sents[0].start, sents[0].stop, None)


# «только»/«лишь» that limits a service; these neighbours make it a time or a condition instead
# («как только», «только что», «только после подтверждения», «не только»).
_ONLY = frozenset({"только", "лишь"})
_NOT_A_LIMIT_BEFORE = frozenset({"как", "не", "если", "лишь", "только"})
_NOT_A_LIMIT_AFTER = frozenset({"что", "после", "если", "когда", "при", "пока", "чтобы", "через"})
# A reason or a way out in the same sentence turns the limit into an explanation.
_REASON = frozenset({"потому", "поэтому", "так", "чтобы", "ведь", "поскольку", "иначе", "если", "зато"})
# «Паспорт нужен только для оплаты частями» limits a requirement, it refuses nothing.
_REQUIREMENT = frozenset({"нужный", "нужно", "требоваться", "понадобиться", "потребоваться", "обязательный"})
RESTRICTION_MAX_WORDS = 8
_YES_NO = frozenset({"да", "нет"})
_NEGATIVE = frozenset({"нет", "не", "нельзя", "невозможно"})
GOES_ON_WORDS = 4


def _goes_on(ctx: Context, stop: int) -> bool:
    """The draft has a sentence of some length after position `stop`."""
    return sum(w.start >= stop for w in ctx.words) >= GOES_ON_WORDS


def _finite_verb(word: str) -> bool:
    """The word's most likely reading is a finite verb («затягиваете»), not an infinitive or a noun."""
    tag = parse(word).tag
    return "VERB" in tag and ("pres" in tag or "past" in tag or "futr" in tag)


def find_restriction(ctx: Context) -> Iterable[Hit]:
    """A short sentence that only states a limit: «Доставка только по будням.», «Рассрочка только для своих.»

    Flagged when the limit is the whole answer: no reason in the sentence and no alternative after it.
    """
    words = ctx.words
    for s in ctx.draft.sentences:
        idx = ctx.word_range(s.start, s.stop)
        if not idx or len(idx) > RESTRICTION_MAX_WORDS or ctx.in_quotes(s.start, s.stop):
            continue
        if any(words[i].norm in _REASON or words[i].lemma in _REQUIREMENT for i in idx):
            continue
        if any(s.start <= a.start < s.stop for a in matches(ctx, "apology")):
            continue  # «Извините, что вам отвечал только автоответчик» apologises, it limits nothing
        if words[idx[0]].norm in _YES_NO and _goes_on(ctx, s.stop):
            continue  # «Нет, в одном заказе действует только один промокод. Выгоднее тот, что…» answers and goes on
        for i in idx:
            w = words[i]
            if w.norm not in _ONLY:
                continue
            prev = words[i - 1].norm if i > idx[0] else ""
            nxt = words[i + 1].norm if i < idx[-1] else ""
            if prev in _NOT_A_LIMIT_BEFORE or nxt in _NOT_A_LIMIT_AFTER:
                continue
            if nxt and _finite_verb(nxt):
                continue  # «вы только затягиваете ответ»: «merely», not a limit of what we offer
            if any(plural_order(words[j].norm) for j in range(max(idx[0], i - 2), i)):
                continue  # «Вводите только последний код»: an instruction says which one
            first = idx[0] + (words[idx[0]].norm in _YES_NO)  # a leading «Нет,» answers, it names nothing refused
            if any(words[j].norm in _NEGATIVE for j in range(first, i)):
                break  # «Обмена нет, только возврат»: the «только» names what can be done
            if _alternative_after(ctx, w.start, w.stop) or _alternative_after(ctx, s.start, s.start):
                break
            if _answers_a_fact(ctx, w.stop, idx[0], idx[-1]):
                break  # «Кэшбэк считается только с суммы, оплаченной деньгами. Например, …» answers «или только…?»
            yield Hit(words[idx[0]].start, s.stop, "по правилам так, но давайте посмотрим, что можно сделать")
            break


# --- blame, bureaucratese, overpromise -------------------------------------------

_BUT = frozenset({"но", "однако", "а"})


def _owned_error(ctx: Context, m: Match) -> bool:
    """«Извините, это ошибка сотрудника пункта»: an apology that names the error owns it, unless «но» turns it."""
    if m.phrase.text.startswith("по вина"):  # «по вине нашего склада» owns the fault
        return any(w.norm.startswith("наш") for w in ctx.words[m.first:m.last + 1])
    if not m.phrase.text.startswith("это ~ ошибка"):
        return False
    if any(w.norm.startswith("наш") for w in ctx.words[m.first:m.last + 1]):
        return True  # «это наша ошибка: склад отправил не тот размер»
    start, _ = ctx.sentence_of(m.start)
    if not any(start <= a.start < m.start for a in matches(ctx, "apology")):
        return False
    return not any(start <= w.start < m.start and w.norm in _BUT for w in ctx.words)


_SELF = frozenset({"мы", "нам", "я", "мне"})


def _self_reproach(ctx: Context, m: Match) -> bool:
    """«…нужно было сразу вас предупредить», «нам надо было написать»: the operator reproaches the shop, not the
    customer («вас» is who should have been told; «вам надо было», «надо было сразу написать нам» are still the
    customer's fault)."""
    if "было" not in m.phrase.text:
        return False
    return (any(w.norm in _SELF for w in ctx.words[max(0, m.first - 2):m.first])
            or any(w.norm == "вас" for w in ctx.words[m.last + 1:m.last + 4]))


_OBLIQUE_YOU = frozenset({"вас", "вам", "вами", "тебя", "тебе", "тобой"})
_OTHER_SUBJECT = frozenset({"мы", "я", "он", "она", "они"})


def _not_your_deed(ctx: Context, m: Match) -> bool:
    """«вы … сделали» where the customer did not: «Вы правы, срок мы нарушили» (another subject took over), «Вам
    должны были дать осмотреть товар» (a duty owed to the customer). The lexicon's «вы» of a deed is the
    nominative form, so «Простите, что вас не услышали» never matches."""
    words = ctx.words
    if m.phrase.text.startswith("=вы") and any(w.norm in _OTHER_SUBJECT for w in words[m.first + 1:m.last]):
        return True
    return m.phrase.text.startswith("=должен") and m.first > 0 and words[m.first - 1].norm in _OBLIQUE_YOU


_find_blame_phrases = phrase_finder("blame", accept=lambda ctx, m: not _conditional(ctx, m) and not _owned_error(ctx, m)
                                    and not _describes(ctx, m)  # «заказ, который вы оформляли сами» identifies
                                    and not _self_reproach(ctx, m) and not _not_your_deed(ctx, m))
_find_blame_final = phrase_finder("blame_final", accept=lambda ctx, m: not _conditional(ctx, m)
                                  and _CLAUSE_END.match(ctx.draft.text, m.stop) is not None)


def find_blame(ctx: Context) -> Iterable[Hit]:
    """Fault shifted onto the customer or another party: blame phrases, and clause-final ones («…, не наше.»)."""
    hits = list(_find_blame_phrases(ctx))
    yield from hits
    for h in _find_blame_final(ctx):
        if not any(b.start <= h.start < b.stop for b in hits):
            yield h


_QUOTE_OPEN = ("«", '"', "“", "„")


def _names_a_field(ctx: Context, m: Match) -> bool:
    """«выберите причину возврата: по причине «Брак»» names a field of the form, in quotes."""
    return ctx.draft.text[m.stop:m.stop + 3].lstrip().startswith(_QUOTE_OPEN)


# «не осуществляется» is канцелярит too
_find_official = phrase_finder("bureaucratese", keep_negated=True, accept=lambda ctx, m: not _names_a_field(ctx, m))
_find_weak_official = phrase_finder("bureaucratese_weak", keep_negated=True,
                                    accept=lambda ctx, m: not _names_a_field(ctx, m))


def find_bureaucratese(ctx: Context) -> Iterable[Hit]:
    """Канцелярит: a phrase of an official letter («доводим до вашего сведения», «в установленном порядке»), and
    the words that are канцелярит only in company («осуществляется», «является») when the draft has two."""
    strong = list(_find_official(ctx))
    weak = [h for h in _find_weak_official(ctx) if not any(s.start < h.stop and h.start < s.stop for s in strong)]
    yield from strong
    if len(strong) + len(weak) >= 2:
        yield from weak


_EXACTLY = frozenset({"такой", "так", "тот", "там", "столько", "также", "туда", "тогда"})
# «подскажем точно», «точно скажем, когда…»: precisely, about an answer; «подойдёт точно»: a fact about a product
_PRECISELY = frozenset({"подсказать", "сказать", "ответить", "узнать", "определить", "назвать", "посчитать",
                        "рассчитать", "подойти", "подходить", "совместимый"})


_WARRANTY_WITH = frozenset({"помочь", "разобраться", "вопрос", "проблема", "помощь"})


def _warranty(words, m: Match) -> bool:
    """«помогу с гарантией», «вопрос с гарантией»: the warranty the customer asks about, not a guarantee."""
    return (m.last == m.first + 1 and words[m.first].norm == "с" and words[m.last].lemma == "гарантия"
            and m.first > 0 and words[m.first - 1].lemma in _WARRANTY_WITH)


def _exactly(ctx: Context, m: Match) -> bool:
    """«точно такой же чехол», «точно так же» mean «exactly the same», and «подскажем точно» «precisely»:
    they promise nothing."""
    words = ctx.words
    if _warranty(words, m):
        return True
    if m.first != m.last or words[m.first].norm != "точно":
        return False
    if any(w.norm == "чтобы" for w in words[max(0, m.first - 3):m.first]):
        return True  # «чтобы код точно дошёл, проверьте…» says what the advice is for
    _, stop = ctx.sentence_of(m.start)
    if "?" in ctx.draft.text[m.stop:stop]:
        return True  # «вы точно всё проверили?» doubts, it promises nothing
    nxt = words[m.last + 1].lemma if m.last + 1 < len(words) else ""
    prev = words[m.first - 1].lemma if m.first > 0 else ""
    return nxt in _EXACTLY or nxt in _PRECISELY or prev in _PRECISELY or nxt == "по"


NEGATED_AFTER_WORDS = 3
_PROMISE_WITH_NOT = frozenset({"никогда", "больше", "точно"})  # «точно не позвонят» promises too


def _denied_after(ctx: Context, m: Match) -> bool:
    """«Мгновенно деньги не приходят», «гарантировать не можем»: a «не» right after the word denies it
    («никогда не повторится», «точно не позвонят» promise with their «не»)."""
    words, text = ctx.words, ctx.draft.text
    if m.first != m.last or words[m.first].norm in _PROMISE_WITH_NOT:
        return False
    for w in words[m.last + 1:m.last + 1 + NEGATED_AFTER_WORDS]:
        if _CLAUSE_BREAK.search(text, m.stop, w.start):
            return False
        if w.norm == "не":
            return True
    return False


_find_promise_phrases = phrase_finder("overpromise", accept=lambda ctx, m: not _exactly(ctx, m)
                                      and not _denied_after(ctx, m))
# «100%» and «на 100» as certainty, not a size («велик на 100–120 см») or a share («100% хлопок»)
_PERCENT = re.compile(r"(?<![\d,.])100\s?%|(?<!\w)на\s+(?:все\s+)?100(?!\d|[,.]\d|\s*[–—-])", re.IGNORECASE)
_SHARE = frozenset({"NOUN", "ADJF"})
_SHARE_OF = frozenset({"скидка", "кешбэк", "кэшбэк", "предоплата", "состав", "хлопок", "шерсть", "лён", "лен", "шёлк",
                       "шелк", "кожа", "кашемир", "полиэстер", "вискоза", "акрил", "полиамид", "хлопковый", "сок",
                       "сумма", "стоимость"})  # «вернём 100 % суммы» is an amount


def _is_share(ctx: Context, start: int, stop: int) -> bool:
    """«100% хлопок», «скидка 100%»: the percentage describes a thing, it promises nothing."""
    prev = next((w for w in reversed(ctx.words) if w.stop <= start), None)
    if prev is not None and start - prev.stop <= 3 and prev.lemma in _SHARE_OF:
        return True
    text = ctx.draft.text
    if text[stop:stop + 3].lstrip()[:1] in ("₽", "$", "€"):
        return True
    nxt = next((w for w in ctx.words if w.start >= stop), None)
    if nxt is None or text[stop:nxt.start].strip():
        return False
    tag = parse(nxt.norm).tag
    if not text[start:stop].endswith("%"):  # «на 100 рублей», «на 100 километров»
        return tag.POS in _SHARE
    return nxt.lemma in _SHARE_OF or tag.POS == "ADJF" and "nomn" in tag


# «задерживают 95–100% света», «зарядит с нуля до 100%»: the end of a range or a level, not certainty
_LEVEL_BEFORE = re.compile(r"(?:\d\s*[–—-]|(?<!\w)до)\s*$", re.IGNORECASE)


def find_overpromise(ctx: Context) -> Iterable[Hit]:
    """Guarantees: «гарантируем», «точно», «100%», «такого больше не повторится»."""
    yield from _find_promise_phrases(ctx)
    text = ctx.draft.text
    for m in _PERCENT.finditer(text):
        if _LEVEL_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        if not _is_share(ctx, m.start(), m.end()):
            yield Hit(m.start(), m.end(), "по нашим данным")

# --- caps -----------------------------------------------------------------------

_CAPS_WORD = re.compile(r"(?<![\w])[A-ZА-ЯЁ]{2,}(?![\w])")
_BANGS = re.compile(r"!{2,}|[?!]{3,}")


_LATIN = re.compile(r"[A-Z0-9-]+")


# «Промокод ПЕРВЫЙХВОСТ»: a code is written as it must be typed
_CODE_BEFORE = re.compile(r"(?:промокод|код|купон|сертификат)\w*\s*[:—-]?\s*$", re.IGNORECASE)


def find_caps(ctx: Context) -> Iterable[Hit]:
    """Words in capitals (not abbreviations) and runs of «!!»."""
    text = ctx.draft.text
    abbr = ctx.resources.abbreviations
    # Latin capitals are codes, formats and brands (GIFT-7XQ2, HEIC, DPD), not shouting at a Russian reader.
    # a capitalised word inside «…» is a name as written on a button or a brand («Честный ЗНАК»), not shouting
    caps = [m for m in _CAPS_WORD.finditer(text) if m.group() not in abbr and not _LATIN.fullmatch(m.group())
            and not ctx.in_quotes(m.start(), m.end()) and not _CODE_BEFORE.search(text, max(0, m.start() - 20), m.start())]
    for i, m in enumerate(caps):
        near = (i > 0 and m.start() - caps[i - 1].end() <= 2) or \
               (i + 1 < len(caps) and caps[i + 1].start() - m.end() <= 2)
        if len(m.group()) >= 4 or near:
            yield Hit(m.start(), m.end(), m.group().lower())
    for m in _BANGS.finditer(text):
        yield Hit(m.start(), m.end(), "!" if "!" in m.group() else "?")


# --- register -------------------------------------------------------------------

_TY = frozenset({"ты", "тебя", "тебе", "тобой", "тобою", "твой", "твоя", "твое", "твоё", "твои", "твоего",
                 "твоей", "твоему", "твоим", "твоих", "твоими", "твою", "тя", "здравствуй"})


_WAITING = frozenset({"ожидать", "подождать", "ждать"})


def is_instruction_at(words, i: int) -> bool:
    """Word i is a «вы» imperative the customer can follow («нажмите», «оформите новый»), not «ожидайте»."""
    return imperative_at(words, i, _WAITING) and "sing" not in parse(words[i].norm).tag


def _informal_tag(tag) -> bool:
    if "impr" in tag:
        return "sing" in tag and "incl" not in tag
    return "2per" in tag and "sing" in tag


# Support slang the dictionary knows only as verbs: «пуши» are push notifications, not «пушить» in the imperative.
_SLANG_NOUNS = frozenset({"пуши", "паучи"})


@lru_cache(maxsize=65536)
def _informal_verb(word: str) -> bool:
    """A verb form that can only address «ты»: «напиши», «можешь» (not «пришли», also a past plural)."""
    if word in _SLANG_NOUNS:
        return False
    forms = [p for p in parses(word) if p.score > 0.01]
    if any("Abbr" in p.tag for p in parses(word)):  # «см» is centimetres far more often than «смотри»
        return False
    return bool(forms) and "VERB" in forms[0].tag and all("VERB" in p.tag and _informal_tag(p.tag) for p in forms)


_VY = {"ты": "вы", "тебя": "вас", "тебе": "вам", "тобой": "вами", "тобою": "вами", "тя": "вас",
       "здравствуй": "здравствуйте"}


def polite_form(word: str) -> str | None:
    """The «вы» form of a «ты» word: «можешь» → «можете», «напиши» → «напишите», «твоего» → «вашего»."""
    low = word.lower()
    if low in _VY:
        form = _VY[low]
    else:
        p = parse(low)
        if p.normal_form == "твой":  # the possessive keeps its case, gender and number: «твою» → «вашу»
            grams = {g for g in ("nomn", "gent", "datv", "accs", "ablt", "loct", "masc", "femn", "neut",
                                 "sing", "plur", "anim", "inan") if g in p.tag}
            target = parse("ваш").inflect(grams) or parse("ваш").inflect(grams - {"anim", "inan"})
        else:
            target = p.inflect({"plur"})
        form = target.word if target else None
    if form and word[:1].isupper():
        form = form.capitalize()
    return form


def find_register(ctx: Context) -> Iterable[Hit]:
    """Addressing the customer with «ты»: pronouns and 2nd-person singular verbs, each with its «вы» form."""
    for w in ctx.words:
        if w.norm in _TY or _informal_verb(w.norm):
            yield Hit(w.start, w.stop, polite_form(w.text))
