"""The word lists quote extraction reads: speech cues, titles, organisation words, abbreviations.

Each list is one table here, not literals scattered through the scanning code, so a reader can see
(and a later change can extend) exactly what the extractor knows about English news copy.
"""

from __future__ import annotations

# Verbs and phrases that attribute speech. Order matters only in that multi-word cues must be tried
# before their first word ("shared with" before "shared", "according to" is its own phrase).
SPEECH_CUES: tuple[str, ...] = (
    "according to", "shared with", "had to say", "pointed out", "put it",
    "said", "says", "say", "told", "tells", "added", "adds", "explained", "explains",
    "noted", "notes", "stated", "states", "shared", "shares", "asked", "asks", "recalled",
    "continued", "emphasized", "emphasizes", "stressed", "stresses", "wrote", "writes", "remarked",
    "commented", "agreed", "warned", "urged", "insisted", "argued", "acknowledged", "observed",
    "replied", "responded", "announced", "declared", "testified", "cautioned", "admitted",
    "recounted", "recounts", "quipped", "quips", "joked", "jokes", "tweeted", "posted", "conceded",
    "concedes", "insists", "warns", "recalls", "acknowledges", "observes", "replies", "responds",
    "confirmed", "confirms", "concluded", "countered", "counters", "predicted", "promised",
    "complained", "laughed", "texted", "emailed", "reflected", "mused", "vowed", "pleaded",
    "boasted", "lamented", "called", "exclaimed", "shouted", "whispered", "recalling", "saying",
    "adding", "noting", "telling", "writing", "explaining", "stressing", "warning", "insisting",
)

# Cues that are a participle after the subject's own clause ("Tran posted a video, saying, “…”"):
# their speaker is the clause's subject, at its start.
PARTICIPLE_CUES = frozenset({
    "saying", "adding", "noting", "telling", "writing", "explaining", "stressing", "warning",
    "insisting", "recalling",
})

# Cues after which the capitalised words are the listener or the source document, never the
# speaker ("Canady told WVTM TV", "Canady shared with PoliceOne.com").
LISTENER_CUES = frozenset({"told", "tells", "telling", "shared with"})

# Cues whose speaker comes after them ("according to Mo Canady").
PREPOSITION_CUES = frozenset({"according to"})

PRONOUNS = frozenset({"he", "she", "they"})

# Words that introduce a person's name as a title or role ("principal Jane Smith", "Sen. Ann Lee").
# Matched case-insensitively; a capitalised run "Lincoln High School Principal Jane Smith" keeps
# only the words after its last title word.
TITLE_WORDS = frozenset({
    "principal", "superintendent", "supt.", "sheriff", "chief", "officer", "deputy", "director",
    "president", "spokesperson", "spokesman", "spokeswoman", "mayor", "governor", "gov.",
    "senator", "sen.", "representative", "rep.", "commissioner", "detective", "det.", "sergeant",
    "sgt.", "lieutenant", "lt.", "captain", "capt.", "corporal", "cpl.", "teacher", "counselor",
    "coordinator", "manager", "trustee", "chairman", "chairwoman", "chair", "professor", "prof.",
    "coach", "dean", "parent", "mother", "father", "student", "attorney", "secretary", "judge",
    "trooper", "dr.", "mr.", "mrs.", "ms.", "delegate", "assemblyman", "assemblywoman",
    "councilman", "councilwoman", "administrator", "sro", "specialist", "consultant", "expert",
    "founder", "author", "researcher", "psychologist", "instructor", "member", "leader", "head",
    "col.", "colonel", "maj.", "major", "gen.", "general", "cmdr.", "commander",
    # British and house styles write honorifics without a full stop ("Mr Okoro", "Dr Patel")
    "mr", "mrs", "ms", "dr", "mx", "miss", "sir", "dame", "lord", "lady", "rev.", "rev", "fr.",
    "councillor", "cllr", "cllr.", "councilor", "councilmember", "alderman", "headteacher",
    "headmaster",
    "headmistress", "minister", "chancellor", "premier", "mp", "msp", "mep", "ceo", "cfo", "coo",
    "cto", "chairperson", "executive", "analyst", "economist", "hydrologist", "scientist",
    "engineer", "nurse", "doctor", "pastor", "bishop", "warden", "ranger", "firefighter",
    "groundskeeper", "owner", "resident", "neighbor", "neighbour", "witness", "lawyer",
    "spokesman", "striker", "midfielder", "defender", "goalkeeper", "quarterback", "pitcher",
    "manager", "captain", "skipper", "reporter", "editor", "correspondent", "host", "anchor",
    "presenter", "producer", "organizer", "organiser", "volunteer", "activist", "farmer",
    "senator-elect", "congressman", "congresswoman", "lawmaker", "legislator", "treasurer",
    "clerk", "auditor", "inspector", "constable", "marshal", "agent", "fellow", "economist",
    "superintendent", "vice", "assistant", "associate", "interim", "acting", "state", "u.s.",
    "linebacker", "cornerback", "receiver", "tackle", "kicker", "punter", "catcher", "shortstop",
    "outfielder", "infielder", "winger", "fullback", "halfback", "rookie", "veteran", "senior",
    "junior", "sophomore", "freshman", "guard", "forward", "centre-back", "jockey", "trainer",
})

# Titles that say whether "he" or "she" can refer to the person after them.
GENDERED_TITLES: dict[str, str] = {
    **dict.fromkeys(("mr", "sir", "lord", "spokesman", "chairman", "congressman", "councilman",
                     "assemblyman", "father", "headmaster", "brother", "king", "prince"), "he"),
    **dict.fromkeys(("mrs", "ms", "miss", "dame", "lady", "spokeswoman", "chairwoman",
                     "congresswoman", "councilwoman", "assemblywoman", "mother", "headmistress",
                     "sister", "queen", "princess"), "she"),
}

# Words that make a capitalised run an organisation, outlet or place rather than a person.
ORGANISATION_WORDS = frozenset({
    "school", "schools", "association", "department", "dept.", "district", "county", "office",
    "board", "university", "college", "academy", "news", "tv", "radio", "times", "post", "journal",
    "press", "inc.", "inc", "llc", "foundation", "council", "committee", "center", "centre",
    "institute", "high", "elementary", "middle", "city", "state", "national", "daily", "gazette",
    "tribune", "herald", "channel", "network", "congress", "house", "senate", "conference",
    "magazine", "police", "public", "k12", "today", "report", "agency", "bureau", "group",
    "service", "services", "program", "programs", "act", "law",
    "reuters", "ap", "afp", "bbc", "cnn", "npr", "pbs", "abc", "nbc", "cbs", "guardian",
    "telegraph", "chronicle", "ltd", "plc", "corp.", "co.", "company", "club", "union", "alliance",
    "federation", "party",
    "ministry", "parliament", "hospital", "library", "airport", "avenue", "borough", "township",
})

# First words of place names, so a capitalised pair at a sentence start ("New Haven voted") is not
# taken for a person's name.
PLACE_WORDS = frozenset({
    "new", "san", "santa", "los", "las", "el", "la", "fort", "port", "north", "south", "east",
    "west", "lake", "mount", "saint", "st.", "upper", "lower", "great", "little", "grand", "palm",
    "cape", "glen", "long", "rock", "salt", "twin", "united", "hong", "sri", "puerto",
})

# Capitalised words that start a sentence or a clause and are never part of a name.
NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "and", "but", "or", "then", "when", "while", "this", "that", "these", "those",
    "it", "he", "she", "they", "we", "i", "you", "in", "on", "at", "for", "from", "with", "as",
    "after", "before", "during", "speaking", "also", "still", "however", "meanwhile", "here",
    "there", "his", "her", "their", "our", "my", "its", "if", "so", "yet", "said", "says", "told",
    "according", "later", "earlier", "today", "yesterday", "tomorrow", "last", "next", "every",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "officials",
    "police", "parents", "students", "teachers", "experts", "critics", "advocates", "many", "some",
    "opening", "closing", "statement", "update", "editor's", "note", "transcript", "presenter",
    "interviewer", "question", "answer", "q", "asked", "because", "although", "though", "once",
    "now", "since", "until", "despite", "without", "instead", "indeed", "yes", "no", "not",
    "what", "who", "why", "how", "where", "which", "thank", "thanks", "please", "dear", "hello",
    "good", "our", "your", "all", "both", "each", "one", "two", "three", "mom", "mum", "dad",
    "breaking", "watch", "read", "video", "photo", "photos", "related", "advertisement",
})

# Words a reporter puts between a speaker and the verb of saying, read past to find the speaker:
# "Canady also said", "she later told", "Farlow has repeatedly told", "Canady would later say".
# Any lower-case word ending in -ly counts too ("Ortiz flatly told"), except the nouns below.
BETWEEN_SPEAKER_AND_CUE = frozenset({
    "also", "later", "then", "again", "further", "previously", "recently", "once", "still",
    "often", "too", "first", "earlier", "since", "already", "even", "never", "always", "now",
    "soon", "long", "just", "today", "yesterday", "tonight", "has", "have", "had", "would", "will",
    "could", "did", "does", "do", "may", "might", "can", "should", "must", "herself", "himself",
    "themselves", "however", "meanwhile", "ultimately", "eventually", "initially", "subsequently",
})
LY_NOUNS = frozenset({
    "family", "families", "ally", "allies", "assembly", "rally", "supply", "reply", "bully",
    "anomaly", "monopoly", "belly", "tally", "lily", "homily", "folly", "jelly", "gully",
})
# "Canady last week told", "Vance this morning said": a time after the speaker.
TIME_WORDS = frozenset({
    "week", "month", "year", "spring", "summer", "fall", "autumn", "winter", "morning",
    "afternoon", "evening", "night", "weekend", "semester", "term",
})
TIME_LEADS = frozenset({"last", "this", "earlier", "late", "early"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday"})

# Name suffixes ignored when matching a name to a spokesperson.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Words ending in a period that do not end a sentence (titles, AP state and month abbreviations).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "sgt", "capt", "cpl", "det", "col", "gen",
    "supt", "prof", "st", "jr", "sr", "inc", "co", "corp", "no", "vs", "etc", "dept", "u.s", "a.m",
    "rev", "fr", "msgr", "hon", "atty", "maj", "adm", "cmdr", "insp", "sup", "gov", "lt",
    "p.m", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "vt", "va", "wash", "wis", "wyo", "n.h", "n.j", "n.m", "n.y", "n.c", "n.d", "r.i",
    "s.c", "s.d", "w.va", "d.c",
})

# Quotes of at most this many words count only when they stand as a sentence and are attributed
# to a named speaker; otherwise they are scare quotes ("a “model” program").
SCARE_QUOTE_MAX_WORDS = 3

# Small words a title-cased span may have in lowercase ("Position Statement on Police Involvement").
TITLE_CASE_SMALL_WORDS = frozenset({
    "a", "an", "and", "the", "of", "on", "in", "to", "for", "at", "by", "with", "or", "&", "vs.",
})
