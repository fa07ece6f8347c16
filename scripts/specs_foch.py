"""Entente demarcation lines between Poland and Lithuania, 1919.

The line of 18 June 1919 is known here only from a Lithuanian newspaper report of
25 June 1919; the Foch line (presented 18 July, approved 26 July, its Suwałki section
confirmed as Poland's provisional eastern limit on 8 December 1919) from the PWN
encyclopaedia and the Russian Wikipedia article citing Mankevich. Both were drawn
relative to the Grodno-Vilnius-Dvinsk railway, which is traced through its stations.
"""

import specs_frame

RAILWAY = ["hrodna", "parechcha", "marcinkonys", "varena", "rudiskes", "lentvaris_station",
           "paneriai_station", "vilnius_station", "naujoji_vilnia_station", "druzilai_station",
           "pabrade", "svencioneliai", "ignalina_station", "dukstas", "daugavpils_station"]

JUNE_DATES = {"valid_from": "1919-06-18", "valid_to": "1919-07-26",
              "valid_from_edtf": "1919-06-18", "valid_to_edtf": "1919-07-26"}
FOCH_DATES = {"valid_from": "1919-07-26", "valid_to": "1920-10-07",
              "valid_from_edtf": "1919-07-26", "valid_to_edtf": "1920-10-07"}

JUNE_LINE = {
    **JUNE_DATES,
    "id": "foch_line/line-1919-06-18",
    "name": "Entente demarcation line of 18 June 1919",
    "status": "demarcation",
    "sources": ["nepriklausomoji_lietuva_1919", "enwiki_polish_lithuanian_war"],
    "note": ("No official text was read; the course comes from a Lithuanian newspaper report a week "
             "later. Replaced by the Foch line on 26 July 1919."),
    "segments": [
        {
            "id": "foch_line/j01-canal",
            "name": "From the East Prussian border along the Augustów Canal to the Neman",
            "clause": "einanti Augustavo kanalu pro Sopockinę",
            "sources": ["nepriklausomoji_lietuva_1919"],
            "method": "interpolated",
            "uncertainty_m": 5000,
            "determined": True,
            "note": ("Starts 'between Augustów and Lyck' (put half-way between the two towns, near the old "
                     "border); the canal is not in our data, so straight lines through Augustów and "
                     "Sapotskin (Sopoćkinie) to the canal's end at the Neman stand in for it."),
            "steps": [("midpoint", "augustow", "elk"), ("place", "augustow"), ("place", "sapotskin"),
                      ("place", "czarna_hancza_mouth")],
        },
        {
            "id": "foch_line/j02-railway",
            "name": "5 km west of the Grodno-Dvinsk railway, almost to Dūkštas",
            "clause": "už penkių kilometrų į vakarus nuo geležinkelio",
            "sources": ["nepriklausomoji_lietuva_1919", "wikipedia_coordinates", "geonames"],
            "method": "interpolated",
            "uncertainty_m": 3000,
            "determined": True,
            "note": ("A line 5 km west (left, going north) of the railway traced through its stations; "
                     "the report ends it 'almost at Dūkštas' and says no more, so it stops level with "
                     "Dūkštas. Druskininkai is on its Lithuanian side, as the report says."),
            "extra": {"offset_from": RAILWAY, "offset_m": 5000},
            "steps": [("railway_offset", RAILWAY, 5000, ("place", "dukstas"))],
        },
    ],
}

FOCH_LINE = {
    **FOCH_DATES,
    "id": "foch_line/line-1919-07-26",
    "name": "Foch line (demarcation line of 26 July 1919)",
    "status": "demarcation",
    "sources": ["pwn_foch_line", "ruwiki_foch_line", "enwiki_foch_line", "rezmer_neutral_zone"],
    "extra": {"presented": "1919-07-18", "confirmed_suwalki_section": "1919-12-08"},
    "note": ("Presented 18 July, approved by the Supreme Council 26 July 1919; its Suwałki section was "
             "confirmed on 8 December 1919 and kept by the Suwałki Agreement of 7 October 1920, which "
             "replaced the rest of the line."),
    "segments": [
        {
            "id": "foch_line/s01-suwalki",
            "name": "Lake Vištytis to the Marycha (today's Polish-Lithuanian border)",
            "clause": "od Jez. Wisztynieckiego do rz. Marychy",
            "sources": ["pwn_foch_line", "ruwiki_foch_line", "natural_earth_10m"],
            "method": "follows_boundary",
            "uncertainty_m": 1000,
            "determined": True,
            "note": ("PWN: this section of the Foch line is today's Polish-Lithuanian border, so Natural "
                     "Earth's border is used, from the tripoint with Russia at Lake Vištytis to the "
                     "tripoint with Belarus. Confirmed 8 December 1919."),
            "extra": {"confirmed": "1919-12-08"},
            "steps": [("border_end", "LT", "PL", "RU"), ("border", "LT", "PL", ("border_end", "LT", "PL", "BY"))],
        },
        {
            "id": "foch_line/s02-marycha",
            "name": "Down the Marycha to the Neman",
            "clause": "z jej biegiem, dalej rz. Igorką do Niemna",
            "sources": ["pwn_foch_line", "ruwiki_foch_line", "natural_earth_10m"],
            "method": "follows_boundary",
            "uncertainty_m": 3000,
            "determined": True,
            "note": ("Today's Lithuania-Belarus border follows the lower Marycha and Czarna Hańcza to the "
                     "Neman; it stands in for the river course. PWN names the Igorka for the last stretch, "
                     "the Russian article the Jura."),
            "steps": [("border", "LT", "BY", ("place", "czarna_hancza_mouth"))],
        },
        {
            "id": "foch_line/s03-railway",
            "name": "Across the Neman, 12 km north-west of the Grodno-Vilnius-Dvinsk railway",
            "clause": "12 km na północnym zachodzie równolegle do linii kol. Grodno–Wilno–Dyneburg",
            "sources": ["pwn_foch_line", "ruwiki_foch_line", "wikipedia_coordinates", "geonames"],
            "method": "interpolated",
            "uncertainty_m": 3000,
            "determined": True,
            "note": ("A line 12 km to the left (north-west, going north) of the railway traced through its "
                     "stations, joined to the Neman crossing by a straight line. The sources read do not "
                     "say where it ended in the north; it stops at today's Latvian border."),
            "extra": {"offset_from": RAILWAY, "offset_m": 12000},
            "steps": [("railway_offset", RAILWAY, 12000, ("border", "LT", "LV"))],
        },
    ],
}

LINES = [JUNE_LINE, FOCH_LINE]

FRAME_SEGMENTS = specs_frame.west_frame("foch_line")

TERRITORY = {
    **FOCH_DATES,
    "id": "foch_line/territory",
    "name": "Area the Foch line left to Lithuanian administration",
    "status": "demarcation",
    "seed": "kaunas",
    "sources": ["pwn_foch_line", "ruwiki_foch_line", "natural_earth_10m"],
    "note": ("West of the Foch line, closed by today's Lithuanian-Latvian border (a stand-in), the coast, "
             "the Klaipėda Region (excluded) and the East Prussian border."),
}
