"""Draw the briefs for the blind-written training corpus: one line per article to write.

    python tools/corpus_briefs.py --batches 16 --per-batch 25 --seed 11 > corpus/briefs.yaml

A brief names only what a writer may be told (issue 11): genre, territory, period, format,
length, how the publication date is given, which record kinds and date kinds to include and
which event types to make sure of. Territories, genres and focus types are dealt round-robin
from shuffled decks so the corpus covers each of them on purpose, not by chance.
"""

from __future__ import annotations

import argparse
import random
import sys

import yaml

GENRES = [
    "wire report",
    "long analysis",
    "op-ed",
    "official statement or communique",
    "press release",
    "interview (Q&A or feature built on one)",
    "explainer or timeline",
    "think-tank brief",
    "live blog",
    "translated regional press (note the translation)",
    "parliamentary record (debate or hearing minutes)",
    "encyclopedia-style summary",
]

# territory code -> periods a brief may name (public history, one per article)
TERRITORIES = {
    "XSO": [
        "1989-1992 war and the Sochi agreement",
        "2004 clashes",
        "August 2008 war and Russian recognition",
        "2008-2010 recognitions and treaties",
        "2015 alliance and integration treaty",
        "2017 Alania referendum",
        "2022 planned referendum on joining Russia",
        "2024 elections and Russian budget support",
    ],
    "XAB": [
        "1992-1993 war",
        "1999 independence act",
        "2008 recognition",
        "2009-2011 recognitions by Nauru, Vanuatu, Tuvalu",
        "2014 strategic partnership treaty",
        "2020 protests and early election",
        "2024 investment-agreement protests",
        "2025 presidential election and Russian aid cuts",
    ],
    "XTR": [
        "1990 proclamation and 1992 war",
        "2003 Kozak memorandum",
        "2006 independence referendum",
        "2014 request to join Russia",
        "2022-2023 gas crisis and Russian troops",
        "2024 customs duties and congress of deputies",
        "2025 gas cut-off",
    ],
    "XNC": [
        "1974 coup and Turkish invasion",
        "1983 declaration of independence and Turkish recognition",
        "2004 Annan plan referendums",
        "2017 Crans-Montana talks",
        "2020 Varosha reopening and election",
        "2021-2024 two-state policy and OTS observer status",
    ],
    "XNK": [
        "1988-1991 movement and 1991 referendum",
        "1992-1994 war and Bishkek protocol",
        "2016 April war",
        "2017 constitutional referendum",
        "2020 44-day war and Russian peacekeepers",
        "2022-2023 Lachin blockade",
        "September 2023 offensive and dissolution",
    ],
    "XDN": [
        "2014 referendum and war in Donbas",
        "2014-2015 Minsk agreements",
        "2017-2019 passports and integration",
        "February 2022 recognition and invasion",
        "September 2022 referendum and annexation",
        "2023-2025 occupation administration",
    ],
    "XLU": [
        "2014 referendum and war",
        "2017 coup in Luhansk",
        "2019 passport decree",
        "February 2022 recognition",
        "September 2022 referendum and annexation",
        "2023-2025 occupation administration",
    ],
    "XCR": [
        "1991-1995 Crimean autonomy and the 1994 presidency",
        "February-March 2014 seizure and referendum",
        "March 2014 accession treaty and sanctions",
        "2015-2018 blockade, energy bridge and Kerch bridge",
        "2021 Crimea Platform",
        "2022-2024 war, bridge strikes and Black Sea Fleet",
    ],
    "XZA": [
        "spring 2022 occupation and Enerhodar",
        "September 2022 referendum and annexation",
        "2022-2024 Zaporizhzhia nuclear plant and IAEA",
        "2023 counteroffensive and occupation elections",
        "2024-2025 passportisation and budget",
    ],
    "XKH": [
        "March 2022 occupation and protests",
        "September 2022 referendum and annexation",
        "November 2022 withdrawal from Kherson city",
        "2023 Kakhovka dam destruction",
        "2023-2025 left-bank occupation administration",
    ],
    "XRS": [
        "1992 proclamation and Bosnian war",
        "1995 Dayton agreement",
        "2006-2016 Dodik and the 2016 Statehood Day referendum",
        "2021 withdrawal from state institutions",
        "2023 laws against the Constitutional Court and High Representative",
        "2025 Dodik verdict and secession moves",
    ],
    "XTU": [
        "1921 Tannu Tuva proclamation",
        "1926-1932 Soviet treaties and recognition by Mongolia",
        "1944 request and admission into the USSR",
        "post-1991 Tuva within the Russian Federation (history retold)",
    ],
    "XSK": [
        "1950 Indo-Sikkim treaty",
        "1973 anti-Chogyal protests and tripartite agreement",
        "1974 associate-state constitution",
        "April 1975 referendum and merger with India",
    ],
    "XHT": [
        "1936-1937 League of Nations and the Sanjak of Alexandretta",
        "1938 elections and Hatay State",
        "June 1939 Turkish annexation and Franco-Turkish agreement",
        "Syrian claims after 1939 (history retold)",
    ],
    "XKX": [
        "1998-1999 war and NATO campaign",
        "2008 declaration of independence and recognitions",
        "2010 ICJ advisory opinion",
        "2013 Brussels agreement and normalisation",
        "2017-2020 withdrawals of recognition",
        "2023 Banjska attack and northern tensions",
    ],
}

# the seven of the pack carry more of the corpus than the cases kept for comparison
WEIGHTS = {
    "XSO": 3,
    "XAB": 3,
    "XTR": 3,
    "XNC": 3,
    "XNK": 3,
    "XDN": 2,
    "XLU": 2,
    "XCR": 3,
    "XZA": 2,
    "XKH": 2,
    "XRS": 2,
    "XTU": 1,
    "XSK": 1,
    "XHT": 1,
    "XKX": 2,
}

EVENT_TYPES = [
    "sign_agreement",
    "ratify_agreement",
    "recognize",
    "withdraw_recognition",
    "condemn",
    "endorse",
    "announce_accession",
    "hold_referendum",
    "annex",
    "armed_conflict",
    "ceasefire",
    "deploy_forces",
    "military_aid",
    "visit",
    "meet",
    "sever_relations",
    "election",
    "legal_action",
    "declare_independence",
    "establish_relations",
    "provide_aid",
    "cut_aid",
    "impose_sanctions",
    "protest",
]

DATE_KINDS = [
    "explicit days ('on 18 March 2015')",
    "months and years only",
    "relative to another event ('two days later', 'within hours of the vote')",
    "weekday names in a dated article ('on Tuesday')",
    "present-perfect news of the days before publication",
    "reactions bounded only by an earlier act and by publication",
    "ranges ('from 23 to 27 September')",
    "parts of months ('in early April', 'in late 2019')",
    "future dates ('will vote in June')",
    "named periods ('during the five-day war', 'as the Soviet Union collapsed')",
    "decades ('in the 1990s')",
    "standing states with no date ('is recognised by four countries')",
]

PUBLICATION = [
    "front matter with `published:` (one day)",
    "front matter without `published:`; a byline with the date in the text",
    "front matter without `published:`; a dateline ('CITY, 12 March 2021 -') opens the text",
    "front matter without `published:` and no date line: the reader must bound it from dates, weekdays"
    " and office-holders in the text",
]

FORMATS = [".md", ".md", ".md", ".txt", ".txt", ".txt", ".html"]


def deal(deck: list, rng: random.Random):
    """An endless round-robin over `deck`, reshuffled on every pass."""
    while True:
        order = deck[:]
        rng.shuffle(order)
        yield from order


def briefs(batches: int, per_batch: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    territory_deck = [code for code, weight in WEIGHTS.items() for _ in range(weight)]
    territories, genres, types = deal(territory_deck, rng), deal(GENRES, rng), deal(EVENT_TYPES, rng)
    period_index = {code: rng.randrange(len(p)) for code, p in TERRITORIES.items()}
    out = []
    for batch in range(1, batches + 1):
        for number in range(1, per_batch + 1):
            code = next(territories)
            periods = TERRITORIES[code]
            period = periods[period_index[code] % len(periods)]
            period_index[code] += 1
            kinds = ["events"] + [
                k for k, p in (("claims", 0.7), ("quotes", 0.7), ("indicators", 0.75)) if rng.random() < p
            ]
            out.append(
                {
                    "id": f"b{batch:02d}-{number:03d}",
                    "batch": batch,
                    "territory": code,
                    "period": period,
                    "genre": next(genres),
                    "format": rng.choice(FORMATS),
                    "words": rng.choice([250, 350, 450, 550, 700, 900]),
                    "publication": rng.choice(PUBLICATION),
                    "record_kinds": kinds,
                    "focus_event_types": [next(types) for _ in range(3)],
                    "date_kinds": rng.sample(DATE_KINDS, 3),
                    "modality": rng.choice(
                        [
                            "include one negated and one future statement",
                            "include one hypothetical statement",
                            "include a negated statement",
                            "include a future plan with its date",
                        ]
                    ),
                }
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=16)
    parser.add_argument("--per-batch", type=int, default=25)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    yaml.safe_dump(
        briefs(args.batches, args.per_batch, args.seed),
        sys.stdout,
        sort_keys=False,
        allow_unicode=True,
        width=200,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
