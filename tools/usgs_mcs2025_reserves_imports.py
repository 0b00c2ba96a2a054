"""USGS Mineral Commodity Summaries 2025: reserves, US net import reliance, import sources.

Transcribed by hand from the same PDF text transcriptions as ``usgs_mcs2025_data.py``
(public repo Vanakka/metals-encyclopedia, src/data/usgs/text/mcs2025-<chapter>.txt,
commit ad87eb5e), footnote markers removed by eye (a footnote digit or ``e`` printed on
the line above a figure is not part of it).

``RESERVES``: one dict per World Mine Production and Reserves table: the material (the
mine stage of the table), the unit of the Reserves column, the world total as printed,
and rows (country iso2 or ``XX`` for USGS's "Other countries", the figure as printed,
optional remark). Figures are strings as printed: ">2,000,000" keeps its bound. "NA",
"W", "(5)" (included in the world total) and words such as "Large" get no row; they are
listed in ``skipped`` so the notes can say so.

``RELIANCE``: (chapter, node, what USGS counts, 2024 figure as printed): "E" is a net
exporter, ">50" a bound. The node is the element where USGS gives one figure for the
commodity, a material where it splits by form.

``IMPORTS``: (chapter, node, what USGS counts, proxy or "", rows (iso2 or XX for "other",
percent, remark)) from "Import Sources (2020-23)". A node that is a material stands for
the forms USGS names; where USGS's scope is broader than the node, ``proxy`` says what
was measured.
"""

RESERVES = [
    dict(chapter="rare-earths", material="material:re-concentrate", unit="t REO",
         world=">90,000,000",
         rows=[("US", "1,900,000"), ("AU", "5,700,000", "JORC-compliant or equivalent "
                                                       "reserves were 3.3 million t (fn 13)"),
               ("BR", "21,000,000"), ("CA", "830,000"), ("CN", "44,000,000"),
               ("GL", "1,500,000"), ("IN", "6,900,000"), ("RU", "3,800,000"),
               ("ZA", "860,000"), ("TZ", "890,000"), ("TH", "4,500"), ("VN", "3,500,000")],
         skipped="Burma, Madagascar, Malaysia, Nigeria and Other: NA"),
    dict(chapter="antimony", material="material:antimony-concentrate", unit="t Sb",
         world=">2,000,000",
         rows=[("US", "60,000", "company-reported probable reserves for the Stibnite Gold "
                                "Project in Idaho (fn 8)"),
               ("AU", "140,000", "JORC-compliant or equivalent reserves were 20,000 t (fn 9)"),
               ("BO", "310,000"), ("MM", "140,000"), ("CA", "78,000"), ("CN", "670,000"),
               ("KG", "260,000"), ("MX", "18,000"), ("PK", "26,000"), ("RU", "350,000"),
               ("TJ", "50,000"), ("TR", "99,000"), ("VN", "54,000")],
         skipped="Guatemala, Iran, Kazakhstan and Laos: NA"),
    dict(chapter="cobalt", material="material:cobalt-mine", unit="t Co", world="11,000,000",
         rows=[("US", "70,000"), ("AU", "1,700,000", "JORC-compliant or equivalent reserves "
                                                     "were 610,000 t (fn 10)"),
               ("CA", "220,000"), ("CD", "6,000,000"), ("CU", "500,000"), ("ID", "640,000"),
               ("MG", "100,000"), ("PG", "62,000"), ("PH", "260,000"), ("RU", "250,000"),
               ("TR", "91,000"), ("XX", "800,000")],
         skipped="New Caledonia: NA"),
    dict(chapter="graphite", material="material:natural-graphite", unit="t", world="290,000,000",
         rows=[("BR", "74,000,000"), ("CA", "5,900,000"), ("CN", "81,000,000"),
               ("IN", "8,600,000"), ("KP", "2,000,000"), ("KR", "1,800,000"),
               ("MG", "27,000,000"), ("MX", "3,100,000"), ("MZ", "25,000,000"),
               ("NO", "600,000"), ("RU", "14,000,000"), ("LK", "1,500,000"),
               ("TZ", "18,000,000"), ("TR", "6,900,000"), ("VN", "9,700,000")],
         skipped="United States, Austria, Germany and Ukraine: included in the world total "
                 "(fn 5)"),
    dict(chapter="lithium", material="material:lithium-mine", unit="t Li", world="30,000,000",
         rows=[("US", "1,800,000"), ("AR", "4,000,000"),
               ("AU", "7,000,000", "JORC-compliant or equivalent reserves were 4.8 million t "
                                   "(fn 5)"),
               ("BR", "390,000"), ("CA", "1,200,000"), ("CL", "9,300,000"),
               ("CN", "3,000,000"), ("NA", "14,000"), ("PT", "60,000"), ("ZW", "480,000"),
               ("XX", "2,800,000", "other countries with reported reserves include Austria, "
                                   "Congo (Kinshasa), Czechia, Finland, Germany, Ghana, Mali, "
                                   "Mexico, Serbia and Spain (fn 6)")]),
    dict(chapter="nickel", material="material:nickel-mine", unit="t Ni", world=">130,000,000",
         rows=[("US", "310,000", "includes reserve data for three projects (fn 8)"),
               ("AU", "24,000,000", "JORC-compliant or equivalent reserves were 8.6 million t "
                                    "(fn 9)"),
               ("BR", "16,000,000"), ("CA", "2,200,000"), ("CN", "4,400,000"),
               ("ID", "55,000,000"), ("NC", "7,100,000"), ("PH", "4,800,000"),
               ("RU", "8,300,000"), ("XX", ">9,100,000")]),
    dict(chapter="tungsten", material="material:tungsten-concentrate", unit="t W",
         world=">4,600,000",
         rows=[("AU", "570,000", "JORC-compliant or equivalent reserves were 220,000 t (fn 11)"),
               ("AT", "10,000"), ("CN", "2,400,000"), ("KP", "29,000"), ("PT", "3,400"),
               ("RU", "400,000"), ("ES", "66,000"), ("VN", "140,000"), ("XX", "950,000")],
         skipped="United States, Bolivia and Rwanda: NA"),
    dict(chapter="niobium", material="material:niobium-concentrate", unit="t Nb",
         world=">17,000,000",
         rows=[("US", "210,000"), ("BR", "16,000,000"), ("CA", "1,600,000")],
         skipped="Congo (Kinshasa), Russia, Rwanda and Other countries: NA"),
    dict(chapter="molybdenum", material="material:molybdenum-concentrate", unit="kt Mo",
         world="15,000",
         rows=[("US", "3,500"), ("AR", "100"), ("AM", "150"),
               ("AU", "690", "JORC-compliant or equivalent reserves were 250,000 t (fn 6)"),
               ("CA", "64"), ("CL", "1,400"), ("CN", "5,900"), ("IR", "43"), ("KZ", "7"),
               ("KR", "8"), ("MX", "130"), ("MN", "10"), ("PE", "1,900"), ("RU", "1,100"),
               ("UZ", "21")],
         skipped="North Korea: NA"),
    dict(chapter="tellurium", material="element:Te", unit="t Te", world="35,000",
         rows=[("US", "3,800"), ("CA", "900"), ("CN", "3,100"), ("RU", "5,800"),
               ("ZA", "800"), ("SE", "740"), ("XX", "20,000")],
         skipped="Bulgaria, Japan and Uzbekistan: NA",
         remark="estimated tellurium content of copper reserves, except China and Sweden "
                "(reported reserves of tellurium)"),
    dict(chapter="barite", material="material:barite", unit="kt", world="NA",
         rows=[("CN", "110,000"), ("IN", "51,000"), ("IR", "100,000"), ("KZ", "85,000"),
               ("RU", "12,000"), ("TR", "34,000")],
         skipped="United States, Laos, Mexico, Morocco, Pakistan and Other countries: NA",
         remark="reserves included only if developed since the 4.1-specific-gravity "
                "drilling-grade standard (2010)"),
    dict(chapter="beryllium", material="material:beryllium-mine", unit="t Be", world="NA",
         rows=[("US", "19,000", "proven and probable bertrandite reserves in Utah, 'about' "
                                "19,000 t Be, stated in the text beside the table",
                "Proven and probable bertrandite reserves in Utah total about 19,000 tons of "
                "beryllium content.")],
         skipped="every other country: world beryllium reserves were not available"),
    dict(chapter="boron", material="material:boron-mine", unit="kt", world="XX",
         units={"US": "kt (all forms)", "CL": "kt ulexite", "CN": "kt boric oxide equivalent",
                "PE": "kt crude borates", "RU": "kt datolite ore", "TR": "kt refined borates"},
         rows=[("US", "48,000"), ("CL", "35,000"), ("CN", "9,100"), ("PE", "4,000"),
               ("RU", "40,000"), ("TR", "950,000")],
         skipped="Argentina, Bolivia and Germany: NA",
         remark="USGS gives no world total: countries report different forms (fn 4)"),
    dict(chapter="chromium", material="material:chromium-mine",
         unit="kt shipping-grade chromite (gross weight)", world=">1,200,000",
         rows=[("US", "630", "grade normalized to 7% Cr2O3 (fn 14)"), ("BR", "6,600"),
               ("FI", "8,300", "grade normalized to 26% Cr2O3 (fn 14)"), ("IN", "79,000"),
               ("KZ", "320,000"), ("ZA", "200,000"), ("TR", "27,000"), ("ZW", "540,000")],
         skipped="Other countries: NA",
         remark="shipping-grade chromite normalized to 45% Cr2O3 unless noted (fn 14)"),
    dict(chapter="copper", material="material:copper-mine", unit="kt Cu", world="980,000",
         rows=[("US", "47,000"),
               ("AU", "100,000", "JORC-compliant or equivalent reserves were 27 million t "
                                 "(fn 7)"),
               ("CA", "8,300"), ("CL", "190,000"), ("CN", "41,000"), ("CD", "80,000"),
               ("IN", "2,200"), ("ID", "21,000"), ("KZ", "20,000"), ("MX", "53,000"),
               ("PE", "100,000"), ("PL", "34,000"), ("RU", "80,000"), ("ZM", "21,000"),
               ("XX", "180,000")]),
    dict(chapter="lead", material="material:lead-mine", unit="kt Pb", world="96,000",
         rows=[("US", "4,600"),
               ("AU", "35,000", "JORC-compliant or equivalent reserves were 10 million t "
                                "(fn 7)"),
               ("BO", "1,600"), ("CN", "22,000"), ("IN", "1,900"), ("IR", "2,000"),
               ("MX", "5,600"), ("PE", "5,000"), ("RU", "8,900"), ("SE", "1,700"),
               ("TR", "1,600"), ("XX", "5,900")],
         skipped="Tajikistan: NA"),
    dict(chapter="magnesium-compounds", material="material:magnesite",
         unit="kt magnesite (gross weight)", world="7,700,000",
         rows=[("US", "35,000"),
               ("AU", "280,000", "JORC-compliant or equivalent reserves were 37 million t "
                                 "(fn 8)"),
               ("AT", "49,000"), ("BR", "200,000"), ("CN", "680,000"), ("GR", "280,000"),
               ("IN", "66,000"), ("IR", "10,000"), ("RU", "2,300,000"), ("SK", "1,200,000"),
               ("ES", "35,000"), ("TR", "110,000"), ("XX", "2,500,000")],
         skipped="Canada: NA"),
    dict(chapter="manganese", material="material:manganese-mine", unit="kt Mn",
         world="1,700,000",
         rows=[("AU", "500,000", "JORC-compliant or equivalent reserves were 110 million t "
                                 "(fn 11)"),
               ("BR", "270,000"), ("CN", "280,000"), ("GA", "61,000"), ("GH", "13,000"),
               ("IN", "34,000"), ("ZA", "560,000")],
         skipped="Côte d'Ivoire and Malaysia: NA; Other countries: 'Small'; United States: "
                 "zero"),
    dict(chapter="platinum-group", material="material:platinum-mine", unit="kg PGM",
         world=">81,000,000", proxy="all platinum-group metals (PGM reserves, not platinum "
                                    "alone)",
         column="PGM reserves",
         rows=[("US", "820,000"), ("CA", "310,000"),
               ("RU", "16,000,000", "based on the Russian classification A+B+C1+C2 (fn 10)"),
               ("ZA", "63,000,000"), ("ZW", "1,200,000")],
         skipped="Other countries: NA"),
    dict(chapter="potash", material="material:potash", unit="kt K2O", world=">4,800,000",
         column="Reserves, K2O equivalent",
         rows=[("US", "220,000"), ("BY", "750,000"), ("BR", "2,300"), ("CA", "1,100,000"),
               ("CL", "100,000"), ("CN", "180,000"), ("DE", "150,000"), ("LA", "1,000,000"),
               ("RU", "920,000"), ("ES", "100,000"), ("XX", "300,000")],
         skipped="Israel and Jordan: 'Large' (potash recovered from the Dead Sea, fn 6)"),
    dict(chapter="rhenium", material="material:rhenium-mine", unit="kg Re", world="Large",
         rows=[("US", "400,000"), ("AM", "95,000"), ("CL", "1,300,000"), ("CN", "19,000"),
               ("KZ", "190,000"), ("RU", "310,000")],
         skipped="Republic of Korea, Poland and Uzbekistan: NA"),
    dict(chapter="silver", material="material:silver-mine", unit="t Ag", world="640,000",
         rows=[("US", "23,000"), ("AR", "6,500"),
               ("AU", "94,000", "JORC-compliant or equivalent reserves were 27,000 t (fn 10)"),
               ("BO", "22,000"), ("CA", "4,900"), ("CL", "26,000"), ("CN", "70,000"),
               ("IN", "8,000"), ("MX", "37,000"), ("PE", "140,000"), ("PL", "61,000"),
               ("RU", "92,000"), ("XX", "57,000")],
         skipped="Kazakhstan and Sweden: NA"),
    dict(chapter="tantalum", material="material:tantalum-mine", unit="t Ta", world="NA",
         rows=[("AU", "110,000", "JORC-compliant or equivalent reserves were 28,000 t (fn 10)"),
               ("BR", "40,000"), ("CN", "240,000")],
         skipped="Bolivia, Burundi, Congo (Kinshasa), Ethiopia, Mozambique, Nigeria, Russia "
                 "and Rwanda: NA; United States: zero"),
    dict(chapter="tin", material="material:tin-mine", unit="t Sn", world=">4,200,000",
         rows=[("AU", "620,000", "JORC-compliant or equivalent reserves were 320,000 t (fn 7)"),
               ("BO", "400,000"), ("BR", "420,000"), ("MM", "700,000"), ("CN", "1,000,000"),
               ("CD", "120,000"), ("PE", "130,000"), ("RU", "460,000"), ("VN", "23,000"),
               ("XX", "310,000")],
         skipped="Indonesia, Laos, Malaysia, Nigeria and Rwanda: NA; United States: zero"),
    dict(chapter="vanadium", material="material:vanadium-mine", unit="kt V", world="18,000",
         rows=[("US", "45"),
               ("AU", "8,500", "printed '128,500' in the PDF text: the footnote marker 12 runs "
                               "into the figure (the listed countries then add up to 18,195 kt "
                               "against the 18,000 kt world total); JORC-compliant or "
                               "equivalent reserves were 3 million t (fn 12)",
                "Australia | Reserves (thousand metric tons): 12 8,500 (footnote 12)"),
               ("BR", "120"), ("CN", "4,100"), ("RU", "5,000"), ("ZA", "430")]),
    dict(chapter="zinc", material="material:zinc-mine", unit="kt Zn", world="230,000",
         rows=[("US", "9,200"),
               ("AU", "64,000", "JORC-compliant or equivalent reserves were 21 million t "
                                "(fn 11)"),
               ("CN", "46,000"), ("IN", "9,800"), ("KZ", "7,600"), ("MX", "14,000"),
               ("PE", "20,000"), ("RU", "29,000"), ("ZA", "5,900"), ("SE", "3,900"),
               ("XX", "25,000")],
         skipped="Bolivia: NA"),
    dict(chapter="zirconium-hafnium", material="material:zirconium-mine", unit="kt ZrO2",
         world=">70,000", column="Zirconium reserves (thousand metric tons, ZrO2 content)",
         rows=[("US", "500"),
               ("AU", "55,000", "JORC-compliant or equivalent reserves were 20 million t, ZrO2 "
                                "content (fn 11)"),
               ("CN", "72"), ("KE", "5"), ("MG", "2,100"), ("MZ", "1,500"), ("SN", "2,600"),
               ("SL", "290"), ("ZA", "5,300"), ("XX", "5,700")],
         skipped="Indonesia: NA; quantitative estimates of hafnium reserves were not "
                 "available"),
    dict(chapter="scandium", material="element:Sc", unit="t scandium (as stated in the text)",
         world="NA",
         rows=[("US", "2,600", "the polymetallic Elk Creek deposit in Nebraska; stated in the "
                               "text, not in a table",
                "the polymetallic Elk Creek deposit in Nebraska contained a reserve of 2,600 "
                "tons of scandium."),
               ("AU", "37,000", "accessible Economic Demonstrated Resources as of December "
                                "2023; JORC-compliant or equivalent reserves were 12,000 t "
                                "(fn 7); stated in the text, not in a table",
                "Australia's reserves were about 37,000 tons of scandium as accessible Economic "
                "Demonstrated Resources (EDR) as of December 2023.")],
         skipped="every other country: USGS gives no table of scandium reserves"),
]

RELIANCE = [
    ("rare-earths", "material:ndpr-oxide", "compounds and metals", "80"),
    ("rare-earths", "material:re-concentrate", "mineral concentrates", "E"),
    ("antimony", "element:Sb", "antimony in oxide and unwrought metal, powder "
                               "(imports - exports)", "85"),
    ("cobalt", "element:Co", "refined cobalt (imports - exports ± industry stock changes)",
     "76"),
    ("gallium", "element:Ga", "gallium metal, as a percentage of reported consumption "
                              "(imports - exports; excludes GaAs wafers)", "100"),
    ("germanium", "element:Ge", "germanium, as a percentage of estimated consumption", ">50"),
    ("graphite", "material:natural-graphite", "natural graphite (imports - exports)", "100"),
    ("lithium", "element:Li", "lithium (imports - exports ± industry stock changes)", ">50"),
    ("nickel", "element:Ni", "nickel, as a percentage of total apparent consumption, including "
                             "the nickel content of stainless steel and alloy scrap (excluding "
                             "scrap nearly 100%)", "48"),
    ("tungsten", "element:W", "tungsten (imports - exports ± industry stock changes)", ">50"),
    ("niobium", "element:Nb", "niobium (imports - exports ± industry stock changes)", "100"),
    ("molybdenum", "element:Mo", "molybdenum (imports - exports ± industry stock changes)", "E"),
    ("tellurium", "element:Te", "tellurium (imports - exports ± industry stock changes)", "<25"),
    ("aluminum", "element:Al", "aluminum (imports - exports ± industry stock changes; excludes "
                               "imported scrap)", "47"),
    ("arsenic", "element:As", "all forms of arsenic, as a percentage of estimated consumption "
                              "(defined as imports)", "100"),
    ("barite", "material:barite", "barite (imports for consumption - exports)", ">75"),
    ("beryllium", "element:Be", "beryllium (imports - exports ± industry stock changes)", "E"),
    ("bismuth", "element:Bi", "bismuth (imports - exports ± industry stock changes)", "89"),
    ("boron", "element:B", "boron (imports - exports)", "E"),
    ("chromium", "element:Cr", "chromium (imports - exports ± industry stock changes)", "77"),
    ("copper", "material:copper-refined", "refined copper (refined imports - refined exports "
                                          "± refined stock changes)", "45"),
    ("indium", "element:In", "indium, as a percentage of estimated consumption "
                             "(imports - exports)", "100"),
    ("lead", "element:Pb", "refined metal (refined imports - refined exports)", "28"),
    ("magnesium-compounds", "element:Mg", "magnesium compounds, MgO content "
                                          "(imports - exports)", "52"),
    ("magnesium-metal", "material:magnesium-refined", "magnesium metal (imports - exports ± "
                                                      "industry stock changes)", ">75"),
    ("manganese", "element:Mn", "manganese content (imports - exports ± industry stock "
                                "changes)", "100"),
    ("platinum-group", "element:Pd", "palladium (imports - exports; excludes waste and scrap)",
     "36"),
    ("platinum-group", "element:Pt", "platinum (imports - exports; excludes waste and scrap)",
     "85"),
    ("potash", "material:potash", "potash, K2O equivalent (imports - exports)", "93"),
    ("rhenium", "element:Re", "rhenium (imports - exports)", "65"),
    ("silicon", "material:ferrosilicon", "ferrosilicon, all grades", ">50"),
    ("silicon", "material:silicon-refined", "silicon metal (metallurgical grade)", "<50"),
    ("silicon", "element:Si", "ferrosilicon and silicon metal, total", "<50"),
    ("silver", "element:Ag", "silver (imports - exports ± stock changes)", "64"),
    ("scandium", "element:Sc", "scandium (imports - exports; quantitative data were not "
                               "available)", "100"),
    ("tantalum", "element:Ta", "tantalum (imports - exports ± industry stock changes)", "100"),
    ("tin", "element:Sn", "refined tin (refined imports - refined exports ± industry stock "
                          "changes)", "73"),
    ("titanium", "material:titanium-sponge", "titanium sponge metal (imports - exports)",
     ">95"),
    ("titanium", "material:titanium-dioxide", "TiO2 pigment (imports - exports)", "E"),
    ("vanadium", "element:V", "vanadium (imports - exports ± industry stock changes)", "40"),
    ("zinc", "material:zinc-mine", "zinc ores and concentrates", "E"),
    ("zinc", "element:Zn", "refined zinc (imports - exports)", "73"),
    ("zirconium-hafnium", "material:zirconium-mine", "zirconium ores and concentrates "
                                                     "(imports - exports)", "<25"),
]

#: The row label of the net import reliance line as printed, where it is not
#: "Net import reliance as a percentage of apparent consumption".
RELIANCE_ROW = {
    ("rare-earths", "material:ndpr-oxide"):
        "Net import reliance as a percentage of apparent consumption: Compounds and metals",
    ("rare-earths", "material:re-concentrate"):
        "Net import reliance as a percentage of apparent consumption: Mineral concentrates",
    ("gallium", "element:Ga"):
        "Net import reliance as a percentage of reported consumption",
    ("germanium", "element:Ge"):
        "Net import reliance as a percentage of estimated consumption",
    ("nickel", "element:Ni"):
        "Net import reliance as a percentage of total apparent consumption",
    ("arsenic", "element:As"):
        "Net import reliance as a percentage of estimated consumption, all forms of arsenic",
    ("indium", "element:In"):
        "Net import reliance as a percentage of estimated consumption",
    ("lead", "element:Pb"):
        "Net import reliance as a percentage of apparent consumption, refined metal",
    ("manganese", "element:Mn"):
        "Net import reliance as a percentage of apparent consumption, manganese content",
    ("platinum-group", "element:Pd"):
        "Net import reliance as a percentage of apparent consumption: Palladium",
    ("platinum-group", "element:Pt"):
        "Net import reliance as a percentage of apparent consumption: Platinum",
    ("silicon", "material:ferrosilicon"):
        "Net import reliance as a percentage of apparent consumption: Ferrosilicon, all grades",
    ("silicon", "material:silicon-refined"):
        "Net import reliance as a percentage of apparent consumption: Silicon metal",
    ("silicon", "element:Si"):
        "Net import reliance as a percentage of apparent consumption: Total",
    ("tin", "element:Sn"):
        "Net import reliance as a percentage of apparent consumption, refined tin",
    ("titanium", "material:titanium-sponge"):
        "Titanium sponge metal: Net import reliance as a percentage of apparent consumption",
    ("titanium", "material:titanium-dioxide"):
        "TiO2 pigment: Net import reliance as a percentage of apparent consumption",
    ("zinc", "material:zinc-mine"):
        "Net import reliance as a percentage of apparent consumption: Ores and concentrates",
    ("zinc", "element:Zn"):
        "Net import reliance as a percentage of apparent consumption: Refined zinc",
    ("zirconium-hafnium", "material:zirconium-mine"):
        "Net import reliance as a percentage of apparent consumption: Zirconium ores and "
        "concentrates",
}

PROXY = {"material:ndpr-oxide": "all rare-earth compounds and metals"}


IMPORTS = [
    ("rare-earths", "material:ndpr-oxide", "rare-earth compounds and metals",
     "all rare-earth compounds and metals",
     [("CN", 70, "includes Hong Kong"), ("MY", 13), ("JP", 6), ("EE", 5), ("XX", 6)],
     "compounds and metals imported from Estonia, Japan and Malaysia were derived from "
     "mineral concentrates and chemical intermediates produced in Australia, China and "
     "elsewhere (USGS)"),
    ("antimony", "material:antimony-concentrate", "ore and concentrates", "",
     [("IT", 44), ("CN", 23), ("BE", 16), ("IN", 10), ("XX", 7)], ""),
    ("antimony", "material:antimony-trioxide", "oxide", "",
     [("CN", 76, "includes Hong Kong"), ("BE", 11), ("BO", 6), ("XX", 7)], ""),
    ("antimony", "material:antimony-metal", "unwrought metal and powder", "",
     [("IN", 25), ("CN", 24, "includes Hong Kong"), ("TH", 13), ("VN", 12), ("XX", 26)], ""),
    ("antimony", "element:Sb", "total metal and oxide", "",
     [("CN", 63, "includes Hong Kong"), ("BE", 8), ("IN", 6), ("BO", 5), ("XX", 18)], ""),
    ("cobalt", "element:Co", "metal, oxide, and salts", "",
     [("NO", 27), ("FI", 17), ("JP", 14), ("CA", 13), ("XX", 29)], ""),
    ("gallium", "element:Ga", "metal", "",
     [("JP", 24), ("CN", 19), ("DE", 19), ("CA", 17), ("XX", 21)], ""),
    ("germanium", "material:germanium-metal", "germanium metal", "",
     [("CN", 51), ("BE", 27), ("DE", 15), ("RU", 5), ("XX", 2)], ""),
    ("germanium", "material:germanium-dioxide", "germanium dioxide", "",
     [("BE", 53), ("CA", 41), ("XX", 6)], ""),
    ("germanium", "element:Ge", "germanium metal and dioxide, combined total", "",
     [("BE", 42), ("CA", 23), ("CN", 23), ("DE", 7), ("XX", 5)], ""),
    ("graphite", "material:natural-graphite", "natural graphite", "",
     [("CN", 43, "includes Hong Kong"), ("CA", 13), ("MX", 13), ("MZ", 13), ("XX", 18)], ""),
    ("lithium", "element:Li", "lithium (no form named)", "",
     [("CL", 50), ("AR", 47), ("XX", 3)], ""),
    ("nickel", "element:Ni", "primary nickel", "",
     [("CA", 46), ("NO", 11), ("AU", 8), ("BR", 6), ("XX", 29)], ""),
    ("nickel", "element:Ni", "nickel-containing scrap, including nickel content of "
                             "stainless-steel scrap", "",
     [("CA", 41), ("MX", 27), ("GB", 9), ("RU", 4), ("XX", 19)], ""),
    ("tungsten", "element:W", "ores, concentrates, and other forms", "",
     [("CN", 27, "includes Hong Kong"), ("DE", 14), ("BO", 8), ("VN", 8), ("XX", 43)], ""),
    ("niobium", "material:niobium-concentrate", "niobium and tantalum ores and concentrates",
     "niobium and tantalum ores and concentrates together",
     [("AU", 59), ("CD", 12), ("MZ", 6), ("AE", 5), ("XX", 18)], ""),
    ("niobium", "element:Nb", "niobium oxide", "",
     [("BR", 83), ("TH", 6), ("EE", 5), ("IN", 3), ("XX", 3)], ""),
    ("niobium", "material:ferroniobium", "ferroniobium and niobium metal",
     "ferroniobium and niobium metal together",
     [("BR", 66), ("CA", 29), ("RU", 2), ("DE", 1), ("XX", 2)], ""),
    ("niobium", "element:Nb", "total imports", "",
     [("BR", 66), ("CA", 27), ("XX", 7)],
     "of US niobium imports (Nb content) 71% was ferroniobium, 20% niobium metal, 8% niobium "
     "oxide and 1% ores and concentrates"),
    ("molybdenum", "element:Mo", "ferromolybdenum", "",
     [("CL", 77), ("KR", 19), ("GB", 3), ("XX", 1)], ""),
    ("molybdenum", "material:molybdenum-concentrate", "molybdenum ore and concentrates", "",
     [("PE", 64), ("MX", 18), ("CL", 12), ("CA", 5), ("XX", 1)], ""),
    ("molybdenum", "element:Mo", "total", "",
     [("PE", 35), ("CL", 34), ("MX", 10), ("KR", 6), ("XX", 15)], ""),
    ("tellurium", "element:Te", "tellurium (no form named)", "",
     [("CA", 58), ("PH", 19), ("JP", 9), ("DE", 5), ("XX", 9)], ""),
    ("aluminum", "element:Al", "aluminum (no form named)", "",
     [("CA", 56), ("AE", 8), ("BH", 4), ("CN", 3, "includes Hong Kong"), ("XX", 29)], ""),
    ("arsenic", "element:As", "arsenic acid", "", [("MY", 99), ("XX", 1)], ""),
    ("arsenic", "element:As", "arsenic metal", "",
     [("CN", 96, "includes Hong Kong"), ("JP", 3), ("XX", 1)], ""),
    ("arsenic", "material:arsenic-refined", "arsenic trioxide", "",
     [("CN", 58), ("MA", 34), ("BE", 5), ("XX", 3)], ""),
    ("arsenic", "element:As", "all forms of arsenic", "",
     [("CN", 52, "includes Hong Kong"), ("MA", 26), ("MY", 16), ("BE", 4), ("XX", 2)], ""),
    ("barite", "material:barite", "barite (no form named)", "",
     [("IN", 40), ("CN", 25, "includes Hong Kong"), ("MA", 17), ("MX", 14), ("XX", 4)], ""),
    ("beryllium", "element:Be", "beryllium content of ores and concentrates, oxide and "
                                "hydroxide, metal, articles, scrap and beryllium-copper (fn 1)",
     "", [("KZ", 39), ("LV", 23), ("JP", 17), ("CA", 6), ("XX", 15)], ""),
    ("bismuth", "element:Bi", "bismuth (no form named)", "",
     [("CN", 67, "includes Hong Kong"), ("KR", 23), ("XX", 10)], ""),
    ("boron", "element:B", "all forms", "", [("TR", 90), ("BO", 6), ("XX", 4)], ""),
    ("chromium", "material:chromium-mine", "chromite (ores and concentrates)", "",
     [("ZA", 96), ("TR", 3), ("XX", 1)], ""),
    ("chromium", "element:Cr", "chromium-containing scrap (chromium metal scrap and "
                               "stainless-steel scrap)", "",
     [("CA", 51), ("MX", 43), ("XX", 6)], ""),
    ("chromium", "element:Cr", "chromium (primary metal: chromium metal, ferrochromium and "
                               "stainless steel)", "",
     [("ZA", 25), ("KZ", 14), ("FI", 7), ("RU", 6), ("XX", 48)], ""),
    ("chromium", "element:Cr", "chromium-containing chemicals", "",
     [("KZ", 24), ("CN", 18, "includes Hong Kong"), ("DE", 17), ("IT", 12), ("XX", 29)], ""),
    ("chromium", "element:Cr", "total imports", "",
     [("ZA", 32), ("KZ", 11), ("CA", 6), ("FI", 6), ("XX", 45)], ""),
    ("copper", "element:Cu", "copper content of blister and anodes", "",
     [("FI", 92), ("MY", 3), ("XX", 5)], ""),
    ("copper", "element:Cu", "copper content of matte, ash, and precipitates", "",
     [("CA", 48), ("BE", 23), ("JP", 13), ("ES", 6), ("XX", 10)], ""),
    ("copper", "material:copper-mine", "copper content of ore and concentrates", "",
     [("CA", ">99"), ("XX", "<1")], ""),
    ("copper", "element:Cu", "copper content of scrap", "",
     [("CA", 46), ("MX", 42), ("DO", 3), ("XX", 9)], ""),
    ("copper", "material:copper-refined", "refined copper", "",
     [("CL", 65), ("CA", 17), ("MX", 9), ("PE", 6), ("XX", 3)],
     "refined copper accounted for 88% of all unmanufactured copper imports (USGS)"),
    ("indium", "element:In", "indium (no form named)", "",
     [("KR", 29), ("JP", 18), ("CA", 14), ("BE", 9), ("XX", 30)], ""),
    ("lead", "element:Pb", "refined metal", "",
     [("CA", 32), ("KR", 16), ("MX", 14), ("AU", 11), ("XX", 27)], ""),
    ("magnesium-compounds", "element:Mg", "caustic-calcined magnesia", "",
     [("CN", 73, "includes Hong Kong"), ("CA", 21), ("XX", 6)], ""),
    ("magnesium-compounds", "material:magnesite", "crude magnesite", "",
     [("CN", 94, "includes Hong Kong"), ("JP", 3), ("XX", 3)], ""),
    ("magnesium-compounds", "element:Mg", "dead-burned and fused magnesia", "",
     [("CN", 70, "includes Hong Kong"), ("BR", 18), ("TR", 3), ("XX", 9)], ""),
    ("magnesium-compounds", "element:Mg", "magnesium chloride", "",
     [("IL", 56), ("NL", 24), ("AT", 5), ("XX", 15)], ""),
    ("magnesium-compounds", "element:Mg", "magnesium hydroxide", "",
     [("MX", 59), ("NL", 14), ("IL", 13), ("JP", 5), ("XX", 9)], ""),
    ("magnesium-compounds", "element:Mg", "magnesium sulfates", "",
     [("CN", 56, "includes Hong Kong"), ("DE", 11), ("IN", 11), ("VN", 7), ("XX", 15)], ""),
    ("magnesium-compounds", "element:Mg", "magnesium compounds, total imports", "",
     [("CN", 61, "includes Hong Kong"), ("IL", 9), ("BR", 8), ("CA", 8), ("XX", 14)], ""),
    ("magnesium-metal", "material:magnesium-refined", "magnesium metal (99.8% purity)", "",
     [("IL", 40), ("TR", 34), ("RU", 12), ("CN", 5), ("XX", 9)], ""),
    ("magnesium-metal", "element:Mg", "magnesium alloys (magnesium content)", "",
     [("CZ", 27), ("TW", 16), ("IL", 12), ("KR", 12), ("XX", 33)], ""),
    ("magnesium-metal", "element:Mg", "magnesium sheet, powder, and other (magnesium content)",
     "", [("AT", 25), ("MX", 25), ("CN", 17, "includes Hong Kong"), ("TW", 12), ("XX", 21)],
     ""),
    ("magnesium-metal", "element:Mg", "magnesium scrap", "",
     [("CA", 37), ("MX", 16), ("CN", 15), ("IN", 8), ("XX", 24)], ""),
    ("magnesium-metal", "element:Mg", "magnesium metal, alloys, powder, scrap, sheet and "
                                      "other, combined total", "",
     [("IL", 17), ("CA", 15), ("TR", 12), ("CZ", 9), ("XX", 47)], ""),
    ("manganese", "material:manganese-mine", "manganese ore", "",
     [("GA", 63), ("ZA", 23), ("MX", 13), ("XX", 1)], ""),
    ("manganese", "element:Mn", "ferromanganese", "",
     [("MY", 24), ("AU", 16), ("NO", 15), ("ZA", 14), ("XX", 31)], ""),
    ("manganese", "element:Mn", "silicomanganese", "",
     [("GE", 26), ("ZA", 25), ("AU", 19), ("MY", 9), ("XX", 21)], ""),
    ("manganese", "element:Mn", "manganese contained in principal manganese imports "
                                "(ferromanganese, manganese dioxide, ore, silicomanganese, "
                                "unwrought metal)", "",
     [("GA", 24), ("ZA", 21), ("AU", 10), ("MY", 9), ("XX", 36)], ""),
    ("platinum-group", "element:Pd", "palladium", "",
     [("RU", 32), ("ZA", 32), ("BE", 8), ("IT", 8), ("XX", 20)], ""),
    ("platinum-group", "element:Pt", "platinum", "",
     [("ZA", 45), ("BE", 12), ("DE", 10), ("IT", 9), ("XX", 24)], ""),
    ("potash", "material:potash", "potash (no form named)", "",
     [("CA", 79), ("RU", 11), ("BY", 4), ("IL", 3), ("XX", 3)], ""),
    ("rhenium", "element:Re", "ammonium perrhenate", "",
     [("KZ", 26), ("CA", 24), ("PL", 15), ("XX", 35)], ""),
    ("rhenium", "element:Re", "rhenium metal powder", "",
     [("CL", 62), ("DE", 15), ("CA", 12), ("PL", 7), ("XX", 4)], ""),
    ("rhenium", "element:Re", "total imports", "",
     [("CL", 44), ("CA", 16), ("DE", 13), ("PL", 10), ("XX", 17)], ""),
    ("silicon", "material:ferrosilicon", "ferrosilicon", "",
     [("RU", 37), ("BR", 14), ("CA", 13), ("MY", 9), ("XX", 27)], ""),
    ("silicon", "material:silicon-refined", "silicon metal", "",
     [("BR", 38), ("CA", 28), ("NO", 13), ("AU", 5), ("XX", 16)], ""),
    ("silicon", "element:Si", "ferrosilicon and silicon metal, total", "",
     [("BR", 24), ("RU", 23), ("CA", 19), ("MY", 7), ("XX", 27)], ""),
    ("silver", "element:Ag", "silver content of ores and concentrates, ash and residues, "
                             "refined bullion, and dore (fn 2)", "",
     [("MX", 44), ("CA", 17), ("KR", 5), ("PL", 5), ("XX", 29)], ""),
    ("tantalum", "material:tantalum-mine", "tantalum ores and concentrates", "",
     [("AU", 58), ("CD", 12), ("MZ", 6), ("AE", 5), ("XX", 19)], ""),
    ("tantalum", "element:Ta", "tantalum metal and powder", "",
     [("CN", 43, "includes Hong Kong"), ("DE", 27), ("KZ", 15), ("TH", 5), ("XX", 10)], ""),
    ("tantalum", "element:Ta", "tantalum waste and scrap", "",
     [("ID", 20), ("JP", 13), ("KR", 13), ("CN", 12, "includes Hong Kong"), ("XX", 42)], ""),
    ("tantalum", "element:Ta", "total", "",
     [("CN", 22, "includes Hong Kong"), ("AU", 12), ("DE", 12), ("ID", 8), ("XX", 46)], ""),
    ("tin", "element:Sn", "refined tin", "",
     [("PE", 30), ("BO", 23), ("ID", 20), ("BR", 11), ("XX", 16)], ""),
    ("tin", "element:Sn", "tin waste and scrap", "", [("CA", 95), ("MX", 4), ("XX", 1)], ""),
    ("titanium", "material:titanium-sponge", "sponge metal", "",
     [("JP", 82), ("KZ", 9), ("SA", 7), ("XX", 2)], ""),
    ("titanium", "material:titanium-dioxide", "TiO2 pigment", "",
     [("CA", 44), ("CN", 12), ("DE", 8), ("MX", 7), ("XX", 29)], ""),
    ("vanadium", "element:V", "ferrovanadium", "",
     [("CA", 48), ("AT", 37), ("RU", 7), ("XX", 8)], ""),
    ("vanadium", "element:V", "vanadium pentoxide", "",
     [("BR", 49), ("ZA", 35), ("RU", 7), ("XX", 9)], ""),
    ("vanadium", "element:V", "total", "",
     [("CA", 34), ("BR", 13), ("AT", 11), ("ZA", 11), ("XX", 31)], ""),
    ("zinc", "material:zinc-mine", "zinc ores and concentrates", "",
     [("PE", 42), ("TR", 25), ("CA", 16), ("KR", 10), ("XX", 7)], ""),
    ("zinc", "element:Zn", "refined metal", "",
     [("CA", 59), ("MX", 16), ("KR", 7), ("PE", 7), ("XX", 11)], ""),
    ("zinc", "element:Zn", "waste and scrap (gross weight)", "",
     [("CA", 64), ("MX", 34), ("XX", 2)], ""),
    ("zinc", "element:Zn", "combined total (includes gross weight of waste and scrap)", "",
     [("CA", 58), ("MX", 16), ("KR", 7), ("PE", 7), ("XX", 12)], ""),
    ("zirconium-hafnium", "material:zirconium-mine", "zirconium ores and concentrates", "",
     [("ZA", 46), ("AU", 35), ("SN", 16), ("XX", 3)], ""),
    ("zirconium-hafnium", "element:Zr", "zirconium, unwrought, including powder", "",
     [("CN", 88), ("DE", 7), ("XX", 5)], ""),
    ("zirconium-hafnium", "element:Zr", "zirconium, wrought", "",
     [("FR", 46), ("DE", 19), ("CA", 16), ("BE", 5), ("XX", 14)], ""),
    ("zirconium-hafnium", "material:hafnium-refined", "hafnium, unwrought", "",
     [("DE", 50), ("CN", 21), ("FR", 18), ("GB", 5), ("XX", 6)], ""),
]

#: The whole net import reliance row of the Salient Statistics, 2020, 2021, 2022, 2023 and
#: 2024e as printed (the 2024 figure is the one in ``RELIANCE``). USGS's definitions
#: footnote that Government stock changes count in 2020-22 and no longer from 2023.
RELIANCE_SERIES = {
    ("rare-earths", "material:ndpr-oxide"): ("100", ">95", ">95", ">95", "80"),
    ("rare-earths", "material:re-concentrate"): ("E", "E", "E", "E", "E"),
    ("antimony", "element:Sb"): ("83", "85", "83", "83", "85"),
    ("cobalt", "element:Co"): ("76", "73", "73", "69", "76"),
    ("gallium", "element:Ga"): ("100", "100", "100", "100", "100"),
    ("germanium", "element:Ge"): (">50", ">50", ">50", ">50", ">50"),
    ("graphite", "material:natural-graphite"): ("100", "100", "100", "100", "100"),
    ("lithium", "element:Li"): (">50", ">25", ">25", ">50", ">50"),
    ("nickel", "element:Ni"): ("46", "49", "55", "53", "48"),
    ("tungsten", "element:W"): (">50", ">50", ">50", ">50", ">50"),
    ("niobium", "element:Nb"): ("100", "100", "100", "100", "100"),
    ("molybdenum", "element:Mo"): ("E", "E", "E", "E", "E"),
    ("tellurium", "element:Te"): (">75", ">95", ">75", "E", "<25"),
    ("aluminum", "element:Al"): ("38", "40", "52", "44", "47"),
    ("arsenic", "element:As"): ("100", "100", "100", "100", "100"),
    ("barite", "material:barite"): (">75", ">75", ">75", ">75", ">75"),
    ("beryllium", "element:Be"): ("16", "11", "6", "E", "E"),
    ("bismuth", "element:Bi"): ("93", "92", "97", "94", "89"),
    ("boron", "element:B"): ("E", "E", "E", "E", "E"),
    ("chromium", "element:Cr"): ("73", "80", "84", "71", "77"),
    ("copper", "material:copper-refined"): ("38", "44", "41", "41", "45"),
    ("indium", "element:In"): ("100", "100", "100", "100", "100"),
    ("lead", "element:Pb"): ("25", "36", "38", "33", "28"),
    ("magnesium-compounds", "element:Mg"): ("53", "57", "55", "48", "52"),
    ("magnesium-metal", "material:magnesium-refined"): (">25", ">25", ">75", ">75", ">75"),
    ("manganese", "element:Mn"): ("100", "100", "100", "100", "100"),
    ("platinum-group", "element:Pd"): ("34", "35", "31", "38", "36"),
    ("platinum-group", "element:Pt"): ("76", "75", "78", "83", "85"),
    ("potash", "material:potash"): ("92", "93", "92", "93", "93"),
    ("rhenium", "element:Re"): ("74", "70", "70", "58", "65"),
    ("scandium", "element:Sc"): ("100", "100", "100", "100", "100"),
    ("silicon", "material:ferrosilicon"): (">50", "<50", ">50", ">50", ">50"),
    ("silicon", "material:silicon-refined"): ("<50", "<25", "<50", "<50", "<50"),
    ("silicon", "element:Si"): ("<50", "<50", "<50", "<50", "<50"),
    ("silver", "element:Ag"): ("80", "76", "67", "69", "64"),
    ("tantalum", "element:Ta"): ("100", "100", "100", "100", "100"),
    ("tin", "element:Sn"): ("77", "80", "77", "73", "73"),
    ("titanium", "material:titanium-sponge"): (">50", ">95", ">95", ">95", ">95"),
    ("titanium", "material:titanium-dioxide"): ("E", "E", "E", "E", "E"),
    ("vanadium", "element:V"): ("59", "61", "60", "56", "40"),
    ("zinc", "material:zinc-mine"): ("E", "E", "E", "E", "E"),
    ("zinc", "element:Zn"): ("79", "76", "77", "76", "73"),
    ("zirconium-hafnium", "material:zirconium-mine"): ("<25", "<25", "<50", "<25", "<25"),
}
