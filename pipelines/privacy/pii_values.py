"""Values planted by the PII test set, and the near-misses that must stay (all invented).

Phone numbers use Ofcom's drama ranges and the US 555-01xx fictional range;
the NHS numbers carry valid mod-11 check digits; NI numbers use HMRC's
example prefix ``QQ`` and other well-formed prefixes; emails and URLs use
``example`` domains.
"""

from __future__ import annotations

from typing import Final

NAMES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "gazetteer": (
        ("Priya", "Raman"),
        ("Siobhan", "O'Neill"),
        ("Chidi", "Okafor"),
        ("Mohammed", "Iqbal"),
        ("Agnieszka", "Nowak"),
        ("Wei", "Zhang"),
        ("Gareth", "Evans"),
        ("Fatima", "Hussain"),
        ("Declan", "Murphy"),
        ("Kwame", "Mensah"),
        ("Harpreet", "Sandhu"),
        ("Ioana", "Popescu"),
        ("Eilidh", "MacDonald"),
        ("Hiroshi", "Nakamura"),
        ("Grace", "Adeyemi"),
        ("Mark", "Kowalski"),
        ("Zainab", "Rahman"),
        ("Tomasz", "Wright"),
        ("Nkechi", "Obi"),
        ("Rhys", "D'Souza"),
    ),
    "held_out": (
        ("Adewale", "Ogunleye"),
        ("Thandiwe", "Mokoena"),
        ("Oksana", "Kovalenko"),
        ("Tuan", "Pham"),
        ("Bogdana", "Radulescu"),
        ("Ngozi", "Eze"),
        ("Joaquim", "Ferreira"),
        ("Saoirse", "Ni Bhriain"),
        ("Anahita", "Farahani"),
        ("Kalani", "Makoa"),
        ("Dagny", "Lindqvist"),
        ("Efua", "Boateng"),
        ("Rustam", "Karimov"),
        ("Mirela", "Dumitrescu"),
        ("Lachlan", "Blackwood"),
        ("Yerlan", "Abenov"),
    ),
}
"""Given and family names: ``gazetteer`` ones are in the redaction gazetteer, ``held_out`` not."""

TITLES: Final[tuple[str, ...]] = ("Mr", "Mrs", "Ms", "Dr.", "Dr", "Miss", "Cllr", "Prof")

STRUCTURED_VALUES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "PHONE": (
        ("intl_london", "+44 20 7946 0958"),
        ("london", "020 7946 0958"),
        ("uk_mobile", "07700 900123"),
        ("uk_mobile_intl", "+44 7700 900456"),
        ("brackets", "(01632) 960 001"),
        ("dashes", "0161-496-0000"),
        ("us", "+1 415 555 0100"),
        ("ireland", "+353 1 555 0199"),
        ("no_spaces", "07700900789"),
    ),
    "NI_NUMBER": (
        ("spaced", "QQ 12 34 56 C"),
        ("compact", "QQ123456C"),
        ("other_prefix", "AB 98 76 54 A"),
        ("lowercase", "qq 65 43 21 b"),
    ),
    "NHS_NUMBER": (
        ("spaced", "943 476 5919"),
        ("compact", "4505577104"),
        ("dashes", "401-023-2137"),
    ),
    "POSTCODE": (
        ("spaced", "SW1A 1AA"),
        ("no_space", "M11AE"),
        ("spaced_short", "B33 8TH"),
        ("lowercase", "ls1 4ap"),
        ("long", "EC1V 9HX"),
    ),
    "EMAIL": (
        ("plain", "jo.bloggs@example.co.uk"),
        ("plus", "a.patel+hr@example.org"),
        ("caps", "J.SMITH@EXAMPLE.GOV.UK"),
        ("apostrophe", "sean.o'hara@example.com"),
    ),
    "URL": (
        ("https", "https://intranet.example.gov.uk/hr/policies/grievance"),
        ("www", "www.example.com/staff/profile?id=443"),
        ("http", "http://example.org/people/sarah"),
    ),
    "EMPLOYEE_ID": (
        ("emp", "EMP123456"),
        ("emp_dash", "EMP-0045321"),
        ("e7", "E1234567"),
    ),
    "CASE_ID": (
        ("hr", "HR-2024-00123"),
        ("case", "CASE-882731"),
        ("grv", "GRV20240031"),
    ),
}
"""Per placeholder type: (format variant, value)."""

NEAR_MISSES: Final[tuple[str, ...]] = (
    "The Head of Service never comes to team meetings.",
    "Our Director of Housing announced the restructure on Microsoft Teams.",
    "Adult Social Care is short of six social workers.",
    "Children's Services and Public Health share one HR business partner.",
    "Legal and Democratic Services moved floors in March.",
    "Highways and Transport staff were told on a Friday afternoon.",
    "Planning and Regeneration lost its Assistant Director in January.",
    "The Chief Executive spoke at the staff briefing on Wednesday.",
    "Meetings on Zoom and Microsoft Teams run back to back until 6pm.",
    "Since May the Deputy Director has cancelled every one-to-one.",
    "Already redacted: [PERSON] told [PERSON] to email [EMAIL].",
    "I moved from Grade 6 to Grade 7 in 2023 after 18 months.",
    "Overtime at 1.5x was cut by 20% in Q3 2024.",
    "We were promised a 4% pay rise from 1 April 2025.",
    "Sickness absence rose from 3.2 days to 7.9 days per FTE.",
    "The £12,500 training budget went on one consultant.",
    "Covid-19 rules ended but WFH was cut to 2 days a week.",
    "Bullying is tolerated here. Nobody challenges it.",
    "Honestly, Senior Leadership Team decisions are never explained.",
    "Customer Services handled 14,000 calls in December.",
    "Digital and IT rolled out SharePoint and Outlook over Easter.",
    "The Occupational Health referral took 6 weeks.",
    "My manager will mark my work down if I complain.",
    "We hope the new Service Manager will grace us with a visit.",
    "Appraisals are due by 31/03/2025 and nobody has had one.",
    "The Council's HR & OD team ran an Acas session on Tuesday.",
    "Finance staff at Civic Hall work from 8.30 to 5 on Mondays.",
    "The Environment team depot on Station Road floods every winter.",
    "Team Leader, Practice Manager and Business Support Officer posts are vacant.",
    "Staff survey 2024: 62% said they felt bullied or harassed.",
)
"""Comments with no personal data: every redaction in them is a false positive."""
