"""Location precision: the sentence first, then the dateline, then the article's main place."""

from __future__ import annotations


def test_sentence_location_is_exact(analyze):
    event = analyze("Police arrested dozens of protesters in Tbilisi, Georgia.").events[0]
    assert (event.location.name, event.location_precision) == ("Tbilisi", "exact")


def test_country_only_location(analyze):
    event = analyze("Russian forces shelled towns in Ukraine overnight.").events[0]
    assert event.location_precision == "country" and event.location.country == "UKR"


def test_no_guessed_location_by_default(analyze):
    text = "KYIV (Reuters) - Ukrainian Foreign Minister Dmytro Kuleba accused Russia of lying."
    event = analyze(text, date="2023-05-02").events[0]
    assert event.location is None and event.location_precision is None


def test_dateline_then_article_fallbacks():
    import detente
    from detente.analysis import Options

    def analyze(text, date):
        return detente.analyze(text, date=date, options=Options(location_fallback=True))

    text = ("KYIV (Reuters) - Ukrainian Foreign Minister Dmytro Kuleba accused Russia of lying. "
            "Officials in Kharkiv and Kharkiv region said shelling continued.")
    accusation = analyze(text, date="2023-05-02").events[0]
    assert (accusation.type, accusation.location.name, accusation.location_precision) == ("ACCUSE", "Kyiv", "dateline")
    story = ("Protesters rallied in Yerevan on Monday. The government urged calm. "
             "Police in Yerevan detained two activists.")
    urge = next(e for e in analyze(story, date="2023-05-02").events if e.type == "REQUEST")
    assert (urge.location.name, urge.location_precision) == ("Yerevan", "article")
