// The peer: Microsoft Recognizers-Text on the same text, for comparison.
//
//   node bench/recognizers.js MODULES_DIR FILE [MODELS]
//
// MODULES_DIR holds node_modules/@microsoft/recognizers-text-suite (with its
// dependencies); FILE is UTF-8 text. The Chinese (zh-cn) models are built
// once, then FILE is fed ONE LINE AT A TIME (empty lines skipped) to each
// model in turn: fed a whole document, the number-with-unit models slow
// down far more than in proportion to its length. MODELS is a
// comma-separated list among number, percentage, currency, dimension, age,
// temperature, ordinal (default
// number,percentage,currency,dimension: numbers, percentages, and the
// number-with-unit models for money and measures, what the pipeline reads).
//
// Prints one line of JSON: bytes, lines, models, results (entities found),
// init_s (building the recognizers), seconds (the recognition loop alone)
// and mb_s = bytes / 1e6 / seconds.
"use strict";
const fs = require("fs");
const path = require("path");

const [modulesDir, file, modelList] = process.argv.slice(2);
if (!modulesDir || !file) {
    process.stderr.write("usage: node recognizers.js MODULES_DIR FILE [MODELS]\n");
    process.exit(2);
}
const need = (name) => require(path.resolve(modulesDir, "node_modules", name));

const t0 = process.hrtime.bigint();
const Number_ = need("@microsoft/recognizers-text-number");
const Unit = need("@microsoft/recognizers-text-number-with-unit");
const culture = Number_.Culture.Chinese; // "zh-cn"
const numbers = new Number_.NumberRecognizer(culture);
const units = new Unit.NumberWithUnitRecognizer(culture);
const factories = {
    number: () => numbers.getNumberModel(),
    percentage: () => numbers.getPercentageModel(),
    ordinal: () => numbers.getOrdinalModel(),
    currency: () => units.getCurrencyModel(),
    dimension: () => units.getDimensionModel(),
    age: () => units.getAgeModel(),
    temperature: () => units.getTemperatureModel(),
};
const names = (modelList || "number,percentage,currency,dimension").split(",");
const models = names.map((n) => {
    if (!factories[n]) {
        process.stderr.write(`recognizers: unknown model ${n}\n`);
        process.exit(2);
    }
    return factories[n]();
});

const buf = fs.readFileSync(file);
const lines = buf.toString("utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
const t1 = process.hrtime.bigint();

let results = 0;
for (const line of lines)
    for (const m of models)
        results += m.parse(line).length;
const t2 = process.hrtime.bigint();

const seconds = Number(t2 - t1) / 1e9;
process.stdout.write(
    JSON.stringify({
        bytes: buf.length,
        lines: lines.length,
        culture,
        models: names,
        results,
        init_s: Number(t1 - t0) / 1e9,
        seconds,
        mb_s: buf.length / 1e6 / seconds,
    }) + "\n"
);
