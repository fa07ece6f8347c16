"""Open a GeoPackage export in QGIS (Debian's python3-qgis) and report how each table is styled.

Usage: /usr/bin/python3 qgis_check.py EXPORT.gpkg REPORT.json

Run by test_export.py with Debian's own Python, which has the qgis module; prints
nothing, writes for each spatial table: whether QGIS loaded a default style from the
GeoPackage, the renderer's type, and per rule its label, whether its filter parses,
how many features it draws and its symbol layers' classes (with a line's pen style).
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsVectorLayer,
)


def pen(layer):
    return int(layer.penStyle()) if hasattr(layer, "penStyle") else None


def main(path, report_path):
    app = QgsApplication([], False)
    app.initQgis()
    report = {}
    probe = QgsVectorLayer(f"{path}|layername=layer_styles", "styles", "ogr")
    report["_layer_styles_rows"] = probe.featureCount() if probe.isValid() else -1
    for table in [row["f_table_name"] for row in probe.getFeatures()]:
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        renderer = layer.renderer()
        rules = []
        if renderer is not None and renderer.type() == "RuleRenderer":
            for rule in renderer.rootRule().children():
                expr = rule.filterExpression()
                parsed = QgsExpression(expr) if expr and not rule.isElse() else None
                drawn = layer.featureCount()
                if parsed is not None:
                    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
                    request = QgsFeatureRequest(parsed, context)
                    drawn = sum(1 for _ in layer.getFeatures(request))
                symbol_layers = [rule.symbol().symbolLayer(i) for i in range(rule.symbol().symbolLayerCount())]
                rules.append({"label": rule.label(), "parses": parsed is None or not parsed.hasParserError(),
                              "drawn": drawn, "classes": [s.layerType() for s in symbol_layers],
                              "pens": [pen(s) for s in symbol_layers]})
        report[table] = {"valid": layer.isValid(), "renderer": renderer.type() if renderer else None,
                         "rules": rules}
    if len(sys.argv) > 3:  # a picture of the styled layers, to look at
        render(path, report, sys.argv[3])
    with open(report_path, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=1)
    os._exit(0)  # QGIS 3.22 can crash while it exits standalone; the report is written


def render(path, report, image):
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle
    from qgis.PyQt.QtCore import QSize

    order = ["places", "treaty_1920_lines", "zeligowski_zone_areas", "treaty_1920_areas", "lakes", "rivers",
             "modern_countries"]
    layers = [QgsVectorLayer(f"{path}|layername={t}", t, "ogr") for t in order if t in report]
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[-1].crs())
    settings.setExtent(QgsRectangle(21.0, 53.0, 28.5, 56.5))
    settings.setOutputSize(QSize(1100, 700))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(image)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
