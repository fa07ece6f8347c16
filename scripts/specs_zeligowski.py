"""The zone held by Żeligowski's forces ("Central Lithuania"), October 1920 - April 1922.

Two lines close it:

* the boundary with Poland, which art. 4 of Żeligowski's Decree No. 1 of 12 October 1920
  laid along county (powiat) boundaries: the Dysna and the east of Święciany county
  (across Lake Narach), the east and south of the northern part of Oszmiana county, the
  south of Wilno and Troki counties [plwiki_granica_pl_cl];
* the limit facing Lithuania: the front, which the League of Nations commission turned
  into a demarcation line with a neutral zone on 30 November 1920 [plwiki_pas_neutralny].

No map of these county boundaries could be read, so each county edge is traced through
the midpoints of pairs of settlements that sources put on either side of it (one in the
county, one in the neighbouring county); the uncertainty is about half the distance
between the two. The limit facing Lithuania is traced through places sources put on the
Polish edge of the neutral zone or on the line, and midpoints of places on its two sides.
The neutral zone itself (about 6 km wide) lies inside that line's uncertainty band and is
not drawn separately yet.

In January 1922 Brasław county was added: the act of 6 April 1922 names the Wilno Land as
the counties of Wilno, Oszmiana, Święciany, Troki and Brasław [dzu_1922_26_213], so a second
zone, from January 1922, takes in Brasław county. Lida county, which some sources add too
[plwiki_granica_pl_cl], is not in the act and is not drawn. Left out as well: the moving
front of 9 October - 29 November 1920 (the zone is drawn as of the armistice).
"""

DATES = {"valid_from": "1920-10-12", "valid_to": "1922-04-18",
         "valid_from_edtf": "1920-10-12", "valid_to_edtf": "1922-04-18"}
# The extent of 1920 ends, and that of 1922 begins, with the addition of Brasław county
# "w styczniu 1922 roku" (no day given): EDTF month precision alongside.
DATES_1920 = {"valid_from": "1920-11-30", "valid_to": "1922-01-01",
              "valid_from_edtf": "1920-11-30", "valid_to_edtf": "1922-01"}
# The limit facing Lithuania is drawn as the League commission fixed it on 30 November 1920;
# before that it was a moving front (not drawn), so neither it nor the zone it closes is
# dated earlier. The boundary with Poland dates from Decree No. 1 of 12 October 1920.
DATES_ARMISTICE = {"valid_from": "1920-11-30", "valid_to": "1922-04-18",
                   "valid_from_edtf": "1920-11-30", "valid_to_edtf": "1922-04-18"}
DATES_1922 = {"valid_from": "1922-01-01", "valid_to": "1922-04-18",
              "valid_from_edtf": "1922-01", "valid_to_edtf": "1922-04-18"}

TRIPOINT = ("midpoint", "naujasis_daugeliskis", "dukstas")
MERKYS_JUNCTION = ("offset", "varena", 225, 4000)
EAST_JUNCTION = ("midpoint", "adutiskis", "pastavy")

COUNTY_SOURCES = ["plwiki_granica_pl_cl", "wikipedia_coordinates", "geonames"]

POLAND_NORTH_1920 = {
    **DATES_1920, "valid_from": "1920-10-12", "valid_from_edtf": "1920-10-12",
    "id": "zeligowski_zone/line-poland-north-1920",
    "name": "Boundary between Central Lithuania and Brasław county, October 1920 - January 1922",
    "status": "de_facto",
    "sources": ["plwiki_granica_pl_cl", "plwiki_powiat_braslawski"],
    "note": ("From the junction with Lithuania and Poland north of Ignalina to the east of Święciany county. "
             "It ceased to be a boundary when Brasław county was added in January 1922."),
    "segments": [
        {
            "id": "zeligowski_zone/p01-dysna",
            "name": "North and north-east edge of Święciany county (against Brasław and Disna counties)",
            "clause": "pokrywał się z północną rzeka Dzisna",
            "sources": [*COUNTY_SOURCES, "ruwiki_sventsyany_uyezd", "plwiki_powiat_braslawski",
                        "ltwiki_mielagenai", "plwiki_powiat_dzisnienski"],
            "method": "interpolated",
            "uncertainty_m": 11000,
            "determined": True,
            "note": ("Vertices between Naujasis Daugėliškis (Święciany county, Daugėliškis volost) and Dūkštas "
                     "(Brasław county 1919-25), Mielagėnai (in Święciany county by a 1905 press notice; the county "
                     "boundaries were those of 1920) and Vidzy "
                     "(Brasław county), Adutiškis (Święciany county) and Pastavy (Disna county, from November "
                     "1920 Duniłowicze). The first is where the line meets the limit facing Lithuania; the "
                     "sources put that junction only 'north of Ignalina'."),
            "steps": [TRIPOINT, ("midpoint", "mielagenai", "vidzy"), EAST_JUNCTION],
        },
    ],
}

POLAND_LINE = {
    **DATES,
    "id": "zeligowski_zone/line-poland",
    "name": "Boundary between Central Lithuania and Poland (county boundaries, Decree No. 1 of 12 October 1920)",
    "status": "de_facto",
    "sources": ["plwiki_granica_pl_cl", "ruwiki_granica_pl_cl", "plwiki_powiat_oszmianski"],
    "note": ("Runs clockwise from the east of Święciany county to the Merkys south of Varėna (Orany). Every "
             "vertex is the midpoint of two places on either side of a county edge; the edges themselves are "
             "not traced from a map."),
    "segments": [
        {
            "id": "zeligowski_zone/p02-narach",
            "name": "East edge of Święciany county across Lake Narach",
            "clause": "wschodnią granicą ówczesnego powiatu święciańskiego m.in. przez jezioro Narocz",
            "sources": [*COUNTY_SOURCES, "sgkp_narocz", "plwiki_narocz_village"],
            "method": "interpolated",
            "uncertainty_m": 10000,
            "determined": True,
            "note": ("Between Kobylnik (Naroch), which pl.wikipedia says belonged to Central Lithuania in "
                     "1920-22, and Myadzyel (Vileyka county); then between Zanarach on the south shore "
                     "(Święciany county, from a truncated quotation) and Myadzyel. The 1885 gazetteer puts the "
                     "lake in Święciany county with its smaller part in Vileyka county, so the edge crosses its "
                     "eastern part; where it enters and leaves the lake is not known."),
            "steps": [EAST_JUNCTION, ("midpoint", "kobylnik", "myadzyel"), ("midpoint", "zanarach", "myadzyel")],
        },
        {
            "id": "zeligowski_zone/p03-viliya",
            "name": "East edges of Święciany and Oszmiana counties across the Viliya, between Smarhon and Vileyka",
            "clause": "nåede Vileika-floden (mellem Smorgon og Vileika)",
            "extra": {"clause_language": "da: a Danish translation of the ru.wikipedia article (perceptioda.com)"},
            "sources": [*COUNTY_SOURCES, "ruwiki_granica_pl_cl", "plwiki_powiat_oszmianski", "lyczkowski_powiat_wilejski"],
            "method": "interpolated",
            "uncertainty_m": 12000,
            "determined": True,
            "note": ("Between Voystom (Święciany county, Voystom volost) and Vileyka; Bienica (Oszmiana county, "
                     "not among the 14 southern districts that left it in December 1920) and Maladzyechna "
                     "(Vileyka county); Bienica and Palachany (one of those 14, Wołożyn county from 12 December "
                     "1920)."),
            "steps": [("midpoint", "voystom", "vileyka"), ("midpoint", "bienica", "maladzyechna"),
                      ("midpoint", "bienica", "palachany")],
        },
        {
            "id": "zeligowski_zone/p04-oszmiana-south",
            "name": "South edge of the northern part of Oszmiana county (against Wołożyn county)",
            "clause": "wschodnią i południową granicą powiatu oszmiańskiego",
            "sources": [*COUNTY_SOURCES, "plwiki_powiat_oszmianski", "plwiki_bieczany"],
            "method": "interpolated",
            "uncertainty_m": 16000,
            "determined": True,
            "note": ("Only the northern part of Oszmiana county joined Central Lithuania; its 14 southern "
                     "districts formed Wołożyn county on 12 December 1920, so this edge is a district "
                     "boundary inside the old county. Vertices between Kreva (north) and Valozhyn (south; "
                     "29 km apart, hence the wide uncertainty), Halshany and Traby, Halshany and Survilishki "
                     "(its district is inferred), Dieveniškės (inside: a neighbouring village 'w latach "
                     "1920-1922 na terenie Litwy Środkowej') and Subotniki (one of the 14), Dieveniškės and "
                     "Hermaniszki (district inferred)."),
            "steps": [("midpoint", "kreva", "valozhyn"), ("midpoint", "halshany", "traby"),
                      ("midpoint", "halshany", "survilishki"), ("midpoint", "dieveniskes", "subotniki"),
                      ("midpoint", "dieveniskes", "hermaniszki")],
        },
        {
            "id": "zeligowski_zone/p05-wilno-troki-south",
            "name": "South edges of Wilno and Troki counties (against Lida county) to the Merkys",
            "clause": "południową granicą powiatu wileńskiego i trockiego",
            "sources": [*COUNTY_SOURCES, "ruwiki_granica_pl_cl", "ruwiki_lida_uyezd"],
            "method": "interpolated",
            "uncertainty_m": 16000,
            "determined": True,
            "note": ("Between Šalčininkai (Wilno county, inferred) and Benyakoni (Lida county), Šalčininkai and "
                     "Eišiškės (Lida county; 29 km apart), Varėna (Orany, Troki county) and Kaniava (Lida county "
                     "until 1926). It ends at an assumed point 4 km south-west of Varėna standing for the junction "
                     "with Lithuania, which lay on the Merkys 'syd for Oran' at a point the sources do not locate; "
                     "the Merkys is not in our river data, so the point need not lie on the river."),
            "steps": [("midpoint", "salcininkai", "benyakoni"), ("midpoint", "salcininkai", "eisiskes"),
                      ("midpoint", "varena", "kaniava"), MERKYS_JUNCTION],
        },
    ],
}

LITHUANIA_LINE = {
    **DATES_ARMISTICE,
    "id": "zeligowski_zone/line-lithuania",
    "name": "Limit of Żeligowski's forces facing Lithuania (the Polish edge of the neutral zone from 30 November 1920)",
    "status": "de_facto",
    "sources": ["plwiki_pas_neutralny", "rezmer_neutral_zone", "sirvinta_neutral_zone"],
    "note": ("As it stood from 30 November 1920, when the League of Nations commission made the front line of "
             "the armistice a demarcation line with a neutral zone about 6 km wide (about 4,000 km²); the zone "
             "lies within this line's uncertainty band. Before that the front moved and is not drawn."),
    "segments": [
        {
            "id": "zeligowski_zone/l01-merkys",
            "name": "Up the Merkys between Varėna I and Varėna II (Orany) to Valkininkai",
            "clause": "tarp abiejų miestelių Merkiu ėjo",
            "sources": ["varena_seniunija", "ruwiki_granica_pl_cl", "lescius_karo_archyvas", "geonames",
                        "wikipedia_coordinates"],
            "method": "interpolated",
            "uncertainty_m": 6000,
            "determined": True,
            "note": ("From the assumed junction south-west of Varėna (see p05). The demarcation line followed the "
                     "Merkys between Senoji Varėna (Lithuanian) and Varėna (Orany station, Polish); Valkininkai "
                     "(Olkieniki), the southern end of the neutral zone, was held by Polish troops. The Merkys is "
                     "not in our river data: straight lines."),
            "steps": [MERKYS_JUNCTION, ("midpoint", "senoji_varena", "varena"), ("place", "valkininkai")],
        },
        {
            "id": "zeligowski_zone/l02-trakai",
            "name": "From Valkininkai north, west of Rūdiškės and Trakai, to Vievis",
            "clause": "od Podbrodzia do Olkienik",
            "sources": ["plwiki_pas_neutralny", "kronika_elektrenai", "geonames"],
            "method": "interpolated",
            "uncertainty_m": 12000,
            "determined": False,
            "note": ("Not determined by the sources read: no place on this stretch of the zone's edge was found "
                     "(the clause describes the zone as a whole). The vertex between Aukštadvaris (Lithuanian in "
                     "1923) and Rūdiškės (taken by Żeligowski's forces on 10 October 1920) stands in; the interwar "
                     "line ran through Vievis."),
            "steps": [("midpoint", "aukstadvaris", "rudiskes"), ("place", "vievis")],
        },
        {
            "id": "zeligowski_zone/l03-neris",
            "name": "East of Kernavė along the Neris, then north-east to Jauniūnai",
            "clause": "1 km į rytus nuo Kernavės",
            "sources": ["vilnijosvartai_kernave", "sirvinta_neutral_zone", "wikipedia_coordinates"],
            "method": "interpolated",
            "uncertainty_m": 6000,
            "determined": True,
            "note": ("The demarcation line ran 1 km east of Kernavė; near Širvintos the Polish edge of the zone "
                     "left the right bank of the Neris and ran through Plikiškės and Jauniūnai (only "
                     "Jauniūnai is located). The Neris stretch between is a straight line here."),
            "steps": [("offset", "kernave", 90, 1000), ("place", "jauniunai")],
        },
        {
            "id": "zeligowski_zone/l04-giedraiciai",
            "name": "South of Giedraičiai to Arnionys (Orniany), the Polish end of the zone's northern cross-line",
            "clause": "Janiszki (strona litewska) – Orniany (strona polska)",
            "sources": ["plwiki_pas_neutralny", "sirvinta_neutral_zone", "wikipedia_coordinates"],
            "method": "interpolated",
            "uncertainty_m": 6000,
            "determined": True,
            "note": ("Giedraičiai lay on the Lithuanian edge of the zone; the Polish edge passed south and east "
                     "of it through villages not located (Nugarai, Miegučiai, Kvakšiai). Arnionys I (Orniany "
                     "Pierwsze) was on the Polish side of the zone's cross-line Janiszki-Orniany."),
            "steps": [("place", "arnionys")],
        },
        {
            "id": "zeligowski_zone/l05-ignalina",
            "name": "North past Kaltanėnai to the railway west of Ignalina, and to the junction with Poland",
            "clause": "sięgając prawie linii kolejowej na odcinku od Turmontu do Ignalina",
            "sources": ["plwiki_pas_neutralny", "plwiki_granica_pl_cl", "wikipedia_coordinates", "geonames"],
            "method": "interpolated",
            "uncertainty_m": 11000,
            "determined": True,
            "note": ("Kaltanėnai was Polish from 1923 (it may have lain inside the zone before). On the Polish "
                     "side the zone almost reached the Turmantas-Ignalina railway, so the vertex is put 2 km "
                     "west of Ignalina station. The junction with Poland (Brasław county) was 'north of "
                     "Ignalina'; north of it the zone faced Poland, not Central Lithuania, until 1922."),
            "steps": [("place", "kaltanenai"), ("offset", "ignalina_station", 270, 2000), TRIPOINT],
        },
    ],
}

BRASLAW_1922 = {
    **DATES_1922,
    "id": "zeligowski_zone/line-braslaw-1922",
    "name": "Boundary of Central Lithuania round Brasław county, January - April 1922",
    "status": "de_facto",
    "sources": ["dzu_1922_26_213", "plwiki_granica_pl_cl", "ruwiki_granica_pl_cl", "plwiki_granica_pl_lv"],
    "note": ("With Brasław county the zone reached the Latvian border: north from the old junction along the "
             "neutral zone, east along the Latvian border to near Druya, and south along the boundary of "
             "Brasław county with Disna county back to the east of Święciany county."),
    "segments": [
        {
            "id": "zeligowski_zone/l06-dukstas",
            "name": "North along the neutral zone, west of Dūkštas, to the Latvian border west of Turmantas",
            "clause": "2 km na zachód od stacji Turmont",
            "sources": ["plwiki_granica_pl_lv", "plwiki_pas_neutralny", "natural_earth_10m", "geonames",
                        "wikipedia_coordinates"],
            "method": "interpolated",
            "uncertainty_m": 11000,
            "determined": True,
            "note": ("Dūkštas (Dukszty, Brasław county) and Turmantas were Polish; on the Polish side the zone "
                     "almost reached the railway, so the vertex is put 2 km west of Dūkštas. The Latvian-"
                     "Lithuanian-Polish tripoint of the interwar years lay 2 km west of Turmont station; where "
                     "the zone met Latvia in 1922 is not stated, so that point stands in."),
            "steps": [TRIPOINT, ("offset", "dukstas", 270, 2000),
                      ("border_point", "LT", "LV", ("offset", "turmantas", 270, 2000))],
        },
        {
            "id": "zeligowski_zone/b01-latvia",
            "name": "The Latvian border east to the Daugava near Druya",
            "clause": "podążała na zachód tą rzeką",
            "sources": ["plwiki_granica_pl_lv", "natural_earth_10m"],
            "method": "follows_boundary",
            "uncertainty_m": 9000,
            "determined": False,
            "note": ("Today's Lithuanian-Latvian and Belarusian-Latvian borders stand in for the Polish-Latvian "
                     "border of 1920-22, which the sources describe only in outline (along the Daugava from the "
                     "Soviet tripoint, then south-west to the railway west of Turmantas); no source states that "
                     "the two coincide. The eastern end, where Brasław county met Disna county on the border "
                     "between Borówka and Druya (9 km apart), is the least sure point."),
            "steps": [("border", "LT", "LV", ("border_end", "LT", "LV", "BY")),
                      ("border", "BY", "LV", ("midpoint", "borowka_druya", "druya"))],
        },
        {
            "id": "zeligowski_zone/b02-disna",
            "name": "South along the boundary of Brasław county with Disna county",
            "clause": "sydpå langs den østlige grænse af Braslav",
            "extra": {"clause_language": "da: a Danish translation of the ru.wikipedia article (perceptioda.com)"},
            "sources": ["ruwiki_granica_pl_cl", "plwiki_village_articles_1921", "wikipedia_coordinates",
                        "geonames"],
            "method": "interpolated",
            "uncertainty_m": 12000,
            "determined": True,
            "note": ("Vertices between villages the 1921 census put in Brasław county and in Disna county: Borówka "
                     "and Druya (the first vertex, on the Latvian border), Dzienisówka and Ikaźń, "
                     "Łakonowszczyzna and Ikaźń, Achremowce and Ikaźń, Achremowce and Jody, Żwiry and "
                     "Jakimowszczyzna (22 km apart: the widest), Vidzy and Kazyany (Kazyany's 1921 county "
                     "inferred)."),
            "steps": [("midpoint", "dzienisowka", "ikazn"), ("midpoint", "lakonowszczyzna", "ikazn"),
                      ("midpoint", "achremowce", "ikazn"), ("midpoint", "achremowce", "jody"),
                      ("midpoint", "zwiry", "jakimowszczyzna"), ("midpoint", "vidzy", "kazyany")],
        },
        {
            "id": "zeligowski_zone/b03-dysna",
            "name": "East edge of Święciany county, from the Dysna to the junction with the 1920 boundary",
            "clause": "langs den østlige grænse af Braslav og Sventsyansky amterne",
            "extra": {"clause_language": "da: a Danish translation of the ru.wikipedia article (perceptioda.com)"},
            "sources": ["ruwiki_granica_pl_cl", "wikipedia_coordinates", "geonames"],
            "method": "interpolated",
            "uncertainty_m": 10000,
            "determined": True,
            "note": ("From the vertex between Vidzy (Brasław county) and Kazyany (Disna county) to the one between "
                     "Adutiškis (Święciany county) and Pastavy (Disna county), where the 1920 boundary goes on "
                     "south."),
            "steps": [EAST_JUNCTION],
        },
    ],
}

LINES = [POLAND_NORTH_1920, POLAND_LINE, LITHUANIA_LINE, BRASLAW_1922]
FRAME_SEGMENTS = []

ZONE_SOURCES = ["plwiki_granica_pl_cl", "plwiki_pas_neutralny"]

TERRITORIES = [
    {
        **DATES_1920,
        "id": "zeligowski_zone/zone",
        "kind": "zone",
        "ring": ["zeligowski_zone/line-poland-north-1920", "zeligowski_zone/line-poland",
                 "zeligowski_zone/line-lithuania"],
        "name": "Zone held by Żeligowski's forces: the Republic of Central Lithuania, October 1920 - January 1922",
        "status": "de_facto",
        "seed": "vilnius",
        "sources": [*ZONE_SOURCES, "ukwiki_central_lithuania"],
        "note": ("Wilno, Troki and Święciany counties and the northern part of Oszmiana county, up to the neutral "
                 "zone fixed on 30 November 1920, from which day it is dated. Żeligowski's forces took Vilnius on "
                 "9 October 1920 and the Republic was proclaimed on 12 October, but until the armistice of 29 "
                 "November the western limit was a moving front (in October they also held Širvintos and "
                 "Giedraičiai, lost in November), which is not drawn."),
    },
    {
        **DATES_1922,
        "id": "zeligowski_zone/zone-1922",
        "kind": "zone",
        "ring": ["zeligowski_zone/line-braslaw-1922", "zeligowski_zone/line-poland",
                 "zeligowski_zone/line-lithuania"],
        "name": "Central Lithuania with Brasław county, January - April 1922",
        "status": "de_facto",
        "seed": "vilnius",
        "sources": [*ZONE_SOURCES, "dzu_1922_26_213"],
        "note": ("The zone of 1920 with Brasław county, added in January 1922: the act of 6 April 1922 names the "
                 "Wilno Land as the counties of Wilno, Oszmiana, Święciany, Troki and Brasław. Lida county, which "
                 "some sources add as well (its voters took part in the Wilno Sejm election of 8 January 1922), "
                 "is not in that list and is not drawn. The Polish Sejm accepted the union on 24 March 1922; the "
                 "act took effect on 18 April 1922."),
    },
]
