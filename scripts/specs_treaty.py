"""Article II of the Soviet-Lithuanian Peace Treaty of 12 July 1920, segment by segment.

The line runs from its western end (south of Augustów) to the Western Dvina west of
Druya: the direction of the surviving treaty text and of Gritskevich's paraphrase.
Pages 123-124 of the only copy read are missing, so the part from the western end
to the Narach river is reconstructed from the Statesman's Year-Book 1921 summary
and Gritskevich, with wide uncertainties; the part from the Narach river to the
Dysna follows the surviving treaty wording.

Steps (see build_layers.py):
    ("place", id)                        a vertex at a gazetteer place
    ("offset", id, bearing, metres)      a vertex at a distance and bearing from a place
    ("river", id, max_snap_m)            follow the WDBII rivers to the point nearest a place
    ("border", "A", "B", step)           follow today's A-B border to the point nearest step
    ("shore", lake_id, side, step)       follow a GSHHG lake shore on one side to step
    ("midpoint", id_a, id_b)             a vertex half-way between two places
"""

import specs_frame

VERST_M = 1066.8
GRODNO_RADIUS_M = 17.5 * VERST_M  # the middle of "15 to 20 versts"

TERRITORY_DATES = {
    "valid_from": "1920-07-12",
    "valid_to": "1939-10-10",
    "valid_from_edtf": "1920-07-12",
    "valid_to_edtf": "1939-10-10",
}

LINE = {
    **TERRITORY_DATES,
    "id": "treaty_1920/line",
    "name": "Lithuanian-Soviet Russian border, Peace Treaty of Moscow, 12 July 1920, Art. II",
    "status": "treaty",
    "extra": {"in_force": "1920-10-14"},
    "sources": ["treaty_1920_lonts", "treaty_1920_dvp", "statesmans_yearbook_1921", "gritskevich_zapadny_front"],
    "note": ("Signed 12 July 1920, ratifications exchanged 14 October 1920. Valid until the "
             "Soviet-Lithuanian treaty of 10 October 1939 replaced it; from October 1920 most of "
             "the line ran through territory Lithuania did not hold."),
}

TREATY_SEGMENTS = [
    {
        "id": "treaty_1920/s01-grodno",
        "name": "Western end to the Svislach, round Hrodna to the south",
        "clause": "circles the city of Gardinas at a radius of 15 to 20 versts to the south",
        "sources": ["statesmans_yearbook_1921", "gritskevich_zapadny_front"],
        "method": "interpolated",
        "uncertainty_m": 7000,
        "determined": True,
        "note": ("Treaty wording not read (LoNTS pp. 123-124 missing). Western end put at Sztabin, "
                 "'south of Augustów' (Gritskevich); then an arc 17.5 versts (18.7 km) south of "
                 "Hrodna, the middle of the Year-Book's 15-20 versts, to the Svislach mouth. "
                 "Gritskevich and Zhukov give 30 km instead; the uncertainty covers most of that."),
        "steps": [
            ("place", "sztabin"),
            ("offset", "hrodna", 255, GRODNO_RADIUS_M),
            ("offset", "hrodna", 225, GRODNO_RADIUS_M),
            ("offset", "hrodna", 195, GRODNO_RADIUS_M),
            ("offset", "hrodna", 165, GRODNO_RADIUS_M),
            ("offset", "hrodna", 140, GRODNO_RADIUS_M),
            ("place", "svislach_mouth"),
        ],
    },
    {
        "id": "treaty_1920/s02-neman",
        "name": "Up the Neman from the Svislach to the Western Byarezina",
        "clause": "to the west along the Niemen to the Svislocis River",
        "sources": ["statesmans_yearbook_1921", "gritskevich_zapadny_front", "wdbii_gshhg"],
        "method": "follows_river",
        "uncertainty_m": 1000,
        "determined": True,
        "note": "River course from WDBII; the two mouths from Wikipedia coordinates snap to it within about 600 m.",
        "steps": [("river", "berezina_mouth", 1000)],
    },
    {
        "id": "treaty_1920/s03-byarezina",
        "name": "Up the Western Byarezina to Valozhyn",
        "clause": "runs by Volozino, along the Beresina River",
        "sources": ["statesmans_yearbook_1921", "gritskevich_zapadny_front"],
        "method": "interpolated",
        "uncertainty_m": 8000,
        "determined": True,
        "note": ("The Western Byarezina (Neman tributary) is not in our river data, so a straight line "
                 "from its mouth to a point one verst west of Valozhyn stands in for the river; "
                 "Gritskevich puts Valozhyn 1 km from the line, on the Russian side."),
        "steps": [("offset", "valozhyn", 270, VERST_M)],
    },
    {
        "id": "treaty_1920/s04-maladzyechna",
        "name": "Valozhyn to the Maladzyechna railway junction",
        "clause": "cuts in half the Molodecno railway junction",
        "sources": ["statesmans_yearbook_1921", "gritskevich_zapadny_front"],
        "method": "interpolated",
        "uncertainty_m": 5000,
        "determined": True,
        "note": ("Treaty wording not read. The Year-Book has the line cut the junction; Gritskevich "
                 "puts it at the western edge of the town, leaving the town Russian. The vertex is "
                 "the town's GeoNames point."),
        "steps": [("place", "maladzyechna")],
    },
    {
        "id": "treaty_1920/s05-viliya",
        "name": "Maladzyechna to the mouth of the Narach",
        "clause": "along the Narocz River",
        "sources": ["statesmans_yearbook_1921", "gritskevich_zapadny_front"],
        "method": "interpolated",
        "uncertainty_m": 6000,
        "determined": True,
        "note": ("Treaty wording not read; its last surviving words before the Narach are the villages "
                 "'Slobodka, Dolgaya and Prenta', not identified. Gritskevich puts the line 11 km west of "
                 "Vileyka, which lies on the Russian side."),
        "steps": [("place", "narach_mouth")],
    },
    {
        "id": "treaty_1920/s06-narach",
        "name": "Up the Narach river to Cheremshitsy",
        "clause": "along the small stream Narotch",
        "sources": ["treaty_1920_lonts"],
        "method": "interpolated",
        "uncertainty_m": 4000,
        "determined": True,
        "note": ("The Narach river is not in our river data: a straight line from its mouth to a point "
                 "one verst west of Cheremshitsy (the treaty's Tsheremstchitza) stands in for it."),
        "steps": [("offset", "cheremshitsy", 270, VERST_M)],
    },
    {
        "id": "treaty_1920/s07-lakes",
        "name": "North across Lakes Myastra and Myadzel to the source of the Myadzelka",
        "clause": "proceeds northward across the Miastra lake",
        "sources": ["treaty_1920_lonts"],
        "method": "named_place",
        "uncertainty_m": 2500,
        "determined": True,
        "note": ("The treaty names villages one verst east of the line (Volotshek, Pshegrode) and a lake "
                 "whose eastern shore it follows (Bliada); none is identified, so the line runs through "
                 "the centres of the two lakes it crosses to the Myadzelka's source."),
        "steps": [("place", "lake_myastra"), ("place", "lake_myadzel"), ("place", "myadzelka_source")],
    },
    {
        "id": "treaty_1920/s08-myadzelka",
        "name": "Down the Myadzelka past Pastavy to the Dysna",
        "clause": "along this small stream to its junction with the Disna river",
        "sources": ["treaty_1920_lonts", "statesmans_yearbook_1921"],
        "method": "interpolated",
        "uncertainty_m": 3000,
        "determined": True,
        "note": ("The Myadzelka is not in our river data: straight lines through its source, Pastavy "
                 "(which stands on it) and its mouth stand in for it. The Year-Book runs the line "
                 "'through Koziany, Postavy'; Gritskevich leaves Pastavy Lithuanian."),
        "steps": [("place", "pastavy"), ("place", "myadzelka_mouth"), ("place", "kazyany")],
    },
    {
        "id": "treaty_1920/s09-braslaw-lakes",
        "name": "Kazyany to Lake Drivyaty",
        "clause": "along the dried-up watercourse north-eastward",
        "sources": ["treaty_1920_lonts", "statesmans_yearbook_1921"],
        "method": "interpolated",
        "uncertainty_m": 8000,
        "determined": True,
        "note": ("The treaty's next points (Borovyia, Mikhalishiki lake, the Nistshenka stream) are not "
                 "identified and the text after them was not read; a straight line to the southern tip "
                 "of Lake Drivyaty stands in."),
        "steps": [("shore_point", "lake_drivyaty", "south")],
    },
    {
        "id": "treaty_1920/s10-drivyaty",
        "name": "Along the eastern shore of Lake Drivyaty",
        "clause": "along the eastern shore of Lake Driviaty",
        "sources": ["statesmans_yearbook_1921", "wdbii_gshhg"],
        "method": "follows_shore",
        "uncertainty_m": 1000,
        "determined": True,
        "note": "Lake shore from GSHHG, from its southern tip to the outflow of the Druika.",
        "steps": [("shore", "lake_drivyaty", "east", "druika_source")],
    },
    {
        "id": "treaty_1920/s11-druika",
        "name": "Along the Druika to the Western Dvina west of Druya",
        "clause": "Beginning at the Dvina River westward from Druja (estate of Safronovo), along the Drujka River",
        "sources": ["statesmans_yearbook_1921", "latvian_russian_treaty_1920", "gritskevich_zapadny_front", "natural_earth_10m"],
        "method": "interpolated",
        "uncertainty_m": 4000,
        "determined": True,
        "note": ("The Druika is not in our river data: a straight line from its outflow to the Dvina "
                 "2 km west of Druya stands in. The estate of Safronovo (Chafranovo) is not located; the "
                 "end point is put on today's Belarus-Latvia border, which follows the Dvina there."),
        "steps": [("border_point", "BY", "LV", ("offset", "druya", 270, 2000))],
    },
]

FRAME_SEGMENTS = [
    {
        "id": "treaty_1920/f01-latvia-by",
        "name": "Western Dvina and today's Belarus-Latvia border to the Lithuania-Latvia-Belarus tripoint",
        "clause": "le long de la Dvina occidentale jusqu'à la ferme de Chafranovo",
        "sources": ["latvian_russian_treaty_1920", "natural_earth_10m"],
        "method": "follows_boundary",
        "uncertainty_m": 2000,
        "determined": False,
        "status": "frame",
        "note": ("Article II left the Lithuanian-Latvian border to a separate agreement (settled by "
                 "arbitration in 1921); today's border stands in for it."),
        "steps": [("border", "BY", "LV", ("border_end", "LT", "LV", "BY"))],
    },
    *specs_frame.west_frame("treaty_1920"),
    {
        "id": "treaty_1920/f06-east-prussia-south",
        "name": "Former East Prussian border south of Lake Vištytis",
        "clause": "",
        "sources": ["geonames"],
        "method": "interpolated",
        "uncertainty_m": 6000,
        "determined": True,
        "status": "frame",
        "note": ("Not a border today. Traced through midpoints between towns on either side of it "
                 "before 1914 (German Dubeninki, Olecko, Prostki; Russian Filipów, Bakałarzewo, Grajewo)."),
        "steps": [("midpoint", "dubeninki", "filipow"), ("midpoint", "olecko", "bakalarzewo"),
                  ("midpoint", "prostki", "grajewo")],
    },
    {
        "id": "treaty_1920/f07-undetermined",
        "name": "Closing line in the Suwałki region, not determined by the treaty",
        "clause": "",
        "sources": ["plwiki_traktat_1920", "kuroptev_memo_1939"],
        "method": "interpolated",
        "uncertainty_m": 20000,
        "determined": False,
        "status": "undetermined",
        "note": ("The treaty left the Lithuanian-Polish border to a separate agreement (Art. II, note 1). "
                 "This straight line from the East Prussian border at Prostki-Grajewo to the western "
                 "end of the treaty line only closes the polygon; it is not a border any source draws."),
        "steps": [("place", "sztabin")],
    },
]

LINE["segments"] = TREATY_SEGMENTS
LINES = [LINE]

TERRITORY = {
    **TERRITORY_DATES,
    "id": "treaty_1920/territory",
    "name": "Territory of Lithuania under the Soviet-Lithuanian Peace Treaty of 12 July 1920",
    "status": "treaty",
    "seed": "kaunas",
    "sources": ["treaty_1920_lonts", "statesmans_yearbook_1921", "kuroptev_memo_1939", "natural_earth_10m"],
    "note": ("Bounded by the Article II line, the Lithuanian-Latvian border (today's, as a stand-in), the "
             "Baltic coast, the Klaipėda Region (excluded until 1923), the East Prussian border and, in "
             "the Suwałki region, a closing line the treaty did not determine."),
}
