#!/usr/bin/env node
// Offline, strict validator for Kubernetes YAML manifests.
//
//   node validate.mjs <file-or-directory>...
//
// * Every YAML document of every file (directories are scanned recursively for *.yaml / *.yml,
//   skipping node_modules and dot-directories) is parsed with YAML 1.1 scalars, like kubectl.
// * Built-in kinds are validated with the matching kubernetes-models class (`.validate()`:
//   types, enums, formats, required fields) PLUS a strict unknown-field check: the JSON-schema
//   validators that kubernetes-models ships are run once more over an instrumented copy of the
//   object, which records the properties each object schema declares; any other property of an
//   object schema with declared properties is reported. Maps (additionalProperties: labels,
//   annotations, data, resources.limits, ...) and free-form objects (x-kubernetes-preserve-
//   unknown-fields, RawExtension, FieldsV1) accept any key.
// * monitoring.coreos.com/v1 ServiceMonitor and PodMonitor, and the CloudNativePG objects (Cluster, Database,
//   ScheduledBackup, ObjectStore), are checked against hand-written schemas (below).
// * Other custom resources and kustomize files are reported as "skipped" with a reason.
//
// Output: one JSON object on stdout:
//   {"files","documents","validated","skipped":[{file,index,apiVersion,kind,reason}],
//    "errors":[{file,index,apiVersion,kind,name,path,line,column,message}],
//    "fatal":[{file,line,column,message}]}
// Exit code: 0 = no errors, 1 = validation errors, 2 = usage error / missing path / YAML parse error.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, LineCounter, isMap, isSeq, isAlias, isScalar } from "yaml";
import { ObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";

// ---------------------------------------------------------------------------------------------
// kubernetes-models lookup
// ---------------------------------------------------------------------------------------------

const MODELS_DIR = path.dirname(fileURLToPath(import.meta.resolve("kubernetes-models")));
const MODELS_VERSION = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, "package.json"), "utf8")).version;

/** group ("" = core) -> Set of versions known to kubernetes-models. */
const KNOWN_GROUPS = (() => {
  const pkg = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, "package.json"), "utf8"));
  const groups = new Map();
  for (const key of Object.keys(pkg.exports)) {
    const m = /^\.\/(?:([^/*]+)\/)?(v\d+(?:(?:alpha|beta)\d+)?)$/.exec(key);
    if (!m) continue;
    const group = m[1] ?? "";
    if (!groups.has(group)) groups.set(group, new Set());
    groups.get(group).add(m[2]);
  }
  return groups;
})();

function splitApiVersion(apiVersion) {
  const i = apiVersion.lastIndexOf("/");
  return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

const classCache = new Map();

/**
 * Returns { cls } for a known built-in kind, or { skip: reason } / { error: message }.
 */
async function resolveModel(apiVersion, kind) {
  const cacheKey = `${apiVersion} ${kind}`;
  if (classCache.has(cacheKey)) return classCache.get(cacheKey);
  const result = await resolveModelUncached(apiVersion, kind);
  classCache.set(cacheKey, result);
  return result;
}

async function resolveModelUncached(apiVersion, kind) {
  const { group, version } = splitApiVersion(apiVersion);
  const versions = KNOWN_GROUPS.get(group);
  if (!versions) {
    return { skip: `no schema for API group "${group}" (custom resource or not a built-in Kubernetes API)` };
  }
  if (!versions.has(version)) {
    return {
      skip: `apiVersion ${apiVersion} is not known to kubernetes-models ${MODELS_VERSION} ` +
        `(known versions of ${group === "" ? "the core group" : `group ${group}`}: ${[...versions].sort().join(", ")})`,
    };
  }
  const gvDir = path.join(MODELS_DIR, group === "" ? version : path.join(group, version));
  const kinds = fs.readdirSync(gvDir).filter((f) => f.endsWith(".js") && f !== "index.js").map((f) => f.slice(0, -3));
  if (kind === "List" && group === "" && version === "v1") {
    return { skip: "v1 List: the items of a generic List are not validated" };
  }
  if (/^[A-Za-z0-9]+$/.test(kind) && kinds.includes(kind)) {
    const mod = await import(`kubernetes-models/${group === "" ? version : `${group}/${version}`}/${kind}`);
    const cls = mod[kind];
    if (typeof cls === "function" && cls.apiVersion === apiVersion && cls.kind === kind) return { cls };
  }
  const hint = suggest(kind, kinds);
  const elsewhere = [];
  for (const [g, vs] of KNOWN_GROUPS) {
    for (const v of vs) {
      if (fs.existsSync(path.join(MODELS_DIR, g === "" ? v : path.join(g, v), `${kind}.js`))) elsewhere.push(g === "" ? v : `${g}/${v}`);
    }
  }
  return {
    error: `kind "${kind}" is not defined in built-in API ${apiVersion}` +
      (hint ? ` (did you mean "${hint}"?)` : elsewhere.length ? ` (${kind} is defined in: ${elsewhere.sort().join(", ")})` : ""),
  };
}

// ---------------------------------------------------------------------------------------------
// Running the shipped validators: AJV errors + recorded property accesses
// ---------------------------------------------------------------------------------------------

const escPtr = (s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1");
const unescPtr = (s) => s.replace(/~1/g, "/").replace(/~0/g, "~");
const ptrToSegs = (ptr) => (ptr === "" ? [] : ptr.slice(1).split("/").map(unescPtr));

/**
 * Wraps `root` in proxies that record, per JSON pointer, which property names the validator
 * reads (= the properties declared by the object's schema) and whether it enumerates the
 * object's keys (= additionalProperties map).
 */
function instrument(root) {
  const records = new Map(); // pointer -> { keys: Set<string>, enumerated: boolean, isArray }
  const proxies = new Map(); // pointer -> proxy
  function wrap(value, ptr) {
    if (value === null || typeof value !== "object") return value;
    const existing = proxies.get(ptr);
    if (existing) return existing;
    const isArray = Array.isArray(value);
    const rec = { keys: new Set(), enumerated: false, isArray };
    records.set(ptr, rec);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return v;
        if (!isArray) rec.keys.add(key);
        if (Object.prototype.hasOwnProperty.call(target, key) && v !== null && typeof v === "object") {
          return wrap(v, `${ptr}/${escPtr(key)}`);
        }
        return v;
      },
      has(target, key) {
        if (typeof key === "string" && !isArray) rec.keys.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        rec.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(ptr, proxy);
    return proxy;
  }
  return { proxy: wrap(root, ""), records };
}

// The compiled schemas of kubernetes-models drop a few properties that the Kubernetes OpenAPI
// (and the package's own .d.ts interfaces) declare: every property named "description" and the
// x-kubernetes-* extensions of JSONSchemaProps. A cross-check of all 944 model classes against
// their .d.ts interfaces found exactly these gaps. An object whose recorded property set equals
// the compiled property set of one of these schemas is allowed the dropped properties as well.
const X_KUBERNETES = [
  "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys",
  "x-kubernetes-list-type", "x-kubernetes-map-type", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations",
];
const SCHEMA_GAPS = [
  ["apiextensions.k8s.io/v1/JSONSchemaProps", ["description", ...X_KUBERNETES]],
  ["apiextensions.k8s.io/v1beta1/JSONSchemaProps", ["description", ...X_KUBERNETES]],
  ["apiextensions.k8s.io/v1/ExternalDocumentation", ["description"]],
  ["apiextensions.k8s.io/v1beta1/ExternalDocumentation", ["description"]],
  ["apiextensions.k8s.io/v1/CustomResourceColumnDefinition", ["description"]],
  ["apiextensions.k8s.io/v1beta1/CustomResourceColumnDefinition", ["description"]],
  ["scheduling.k8s.io/v1/PriorityClass", ["description"]],
  ["scheduling.k8s.io/v1beta1/PriorityClass", ["description"]],
];
const signature = (keys) => [...keys].sort().join("\0");
let gapTable = null; // signature of recorded keys -> extra allowed property names

async function loadGapTable() {
  if (gapTable) return gapTable;
  const table = new Map();
  for (const [modPath, extra] of SCHEMA_GAPS) {
    const name = modPath.slice(modPath.lastIndexOf("/") + 1);
    const cls = (await import(`kubernetes-models/${modPath}`))[name];
    const { proxy, records } = instrument({});
    try {
      cls.prototype.validate.call(proxy);
    } catch {
      /* ignore */
    }
    const keys = records.get("").keys;
    table.set(signature(keys), extra.filter((k) => !keys.has(k)));
  }
  return (gapTable = table);
}

/** Validates `data` with a kubernetes-models class. Returns [{segs, message}]. */
async function validateWithModel(cls, data, basePtr = "") {
  const problems = [];
  // 1. The model's own validation (types, enums, formats, required).
  try {
    new cls(data).validate();
  } catch (err) {
    if (!Array.isArray(err?.errors)) throw err;
    problems.push(...ajvProblems(err.errors, data, basePtr));
  }
  // 2. Strict unknown-field check: run the same shipped validator over an instrumented copy.
  const { proxy, records } = instrument(data);
  try {
    cls.prototype.validate.call(proxy);
  } catch {
    /* errors already reported above */
  }
  problems.push(...unknownFields(data, records, basePtr, await loadGapTable()));
  return problems;
}

function describeValue(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function valueAt(data, segs) {
  let v = data;
  for (const s of segs) v = v === null || typeof v !== "object" ? undefined : v[s];
  return v;
}

function ajvProblems(errors, data, basePtr) {
  // Collapse oneOf (IntOrString, Quantity) into a single readable message per location.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const out = [];
  const seen = new Set();
  for (const e of errors) {
    const ptr = basePtr + e.instancePath;
    const actual = valueAt(data, ptrToSegs(e.instancePath));
    let message;
    if (oneOfPaths.has(e.instancePath)) {
      if (e.keyword !== "oneOf") continue;
      const types = errors
        .filter((x) => x.instancePath === e.instancePath && x.keyword === "type")
        .map((x) => x.params.type);
      message = `must be ${types.length ? types.join(" or ") : "exactly one of the allowed schemas"} (got ${describeValue(actual)})`;
    } else if (e.keyword === "required") {
      message = `missing required field "${e.params.missingProperty}"`;
    } else if (e.keyword === "type") {
      message = `must be ${e.params.type} (got ${describeValue(actual)})`;
    } else if (e.keyword === "enum") {
      message = `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")} (got ${describeValue(actual)})`;
    } else if (e.keyword === "format") {
      message = `must match format "${e.params.format}" (got ${describeValue(actual)})`;
    } else {
      message = e.message ?? `${e.keyword} ${JSON.stringify(e.params)}`;
    }
    const k = `${ptr}\0${message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ segs: ptrToSegs(ptr), message });
  }
  return out;
}

/** Walks the plain object and reports properties the schema (as recorded) does not declare. */
function unknownFields(data, records, basePtr, gaps) {
  const out = [];
  (function walk(value, ptr) {
    if (value === null || typeof value !== "object") return;
    const rec = records.get(ptr);
    if (!rec) return; // never reached by the validator (parent already reported)
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${ptr}/${i}`));
      return;
    }
    if (rec.enumerated) {
      // additionalProperties map: any key allowed, values checked by the validator.
      for (const [k, v] of Object.entries(value)) walk(v, `${ptr}/${escPtr(k)}`);
      return;
    }
    if (rec.keys.size === 0) return; // free-form object (preserve-unknown-fields / RawExtension)
    let extra = null;
    for (const [k, v] of Object.entries(value)) {
      if (!rec.keys.has(k)) extra ??= gaps.get(signature(rec.keys)) ?? [];
      if (rec.keys.has(k) || extra.includes(k)) {
        walk(v, `${ptr}/${escPtr(k)}`);
      } else {
        const hint = suggest(k, [...rec.keys, ...extra]);
        out.push({
          segs: ptrToSegs(basePtr + `${ptr}/${escPtr(k)}`),
          message: `unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
        });
      }
    }
  })(data, "");
  return out;
}

function levenshtein(a, b) {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

function suggest(name, candidates) {
  let best = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(name, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.min(3, Math.floor(name.length / 3))) ? best : null;
}

// ---------------------------------------------------------------------------------------------
// Hand-written schema: monitoring.coreos.com/v1 ServiceMonitor
// (field names from prometheus-operator's CRD, v0.84; metadata uses the ObjectMeta schema)
// ---------------------------------------------------------------------------------------------

const str = { type: "string" };
const bool = { type: "boolean" };
const int = { type: "integer" };
const intOrString = { type: ["integer", "string"] };
const obj = (properties, extra = {}) => ({ type: "object", properties, ...extra });
const arr = (items) => ({ type: "array", items });
const mapOf = (values) => ({ type: "object", additionalProperties: values });
const oneOf = (...values) => ({ type: "string", enum: values });
const duration = { type: "string", pattern: /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/ };

const secretKeySelector = obj({ key: str, name: str, optional: bool }, { required: ["key"] });
const configMapKeySelector = obj({ key: str, name: str, optional: bool }, { required: ["key"] });
const secretOrConfigMap = obj({ configMap: configMapKeySelector, secret: secretKeySelector });
const tlsVersion = oneOf("TLS10", "TLS11", "TLS12", "TLS13");
const safeTlsConfig = obj({
  ca: secretOrConfigMap, cert: secretOrConfigMap, insecureSkipVerify: bool, keySecret: secretKeySelector,
  maxVersion: tlsVersion, minVersion: tlsVersion, serverName: str,
});
const tlsConfig = obj({ ...safeTlsConfig.properties, caFile: str, certFile: str, keyFile: str });
const proxyFields = {
  noProxy: str,
  proxyConnectHeader: mapOf(arr(secretKeySelector)),
  proxyFromEnvironment: bool,
  proxyUrl: { type: "string", pattern: /^(http|https|socks5):\/\/.+$/ },
};
const relabelAction = oneOf(
  "replace", "Replace", "keep", "Keep", "drop", "Drop", "hashmod", "HashMod", "labelmap", "LabelMap",
  "labeldrop", "LabelDrop", "labelkeep", "LabelKeep", "lowercase", "Lowercase", "uppercase", "Uppercase",
  "keepequal", "KeepEqual", "dropequal", "DropEqual");
const relabelConfig = obj({
  action: relabelAction, modulus: int, regex: str, replacement: str, separator: str,
  sourceLabels: arr({ type: "string", pattern: /^[a-zA-Z_][a-zA-Z0-9_]*$/ }), targetLabel: str,
});
const oauth2 = obj({
  clientId: secretOrConfigMap, clientSecret: secretKeySelector, endpointParams: mapOf(str), scopes: arr(str),
  tlsConfig: safeTlsConfig, tokenUrl: { type: "string", minLength: 1 }, ...proxyFields,
}, { required: ["clientId", "clientSecret", "tokenUrl"] });
const endpoint = obj({
  authorization: obj({ credentials: secretKeySelector, type: str }),
  basicAuth: obj({ password: secretKeySelector, username: secretKeySelector }),
  bearerTokenFile: str,
  bearerTokenSecret: secretKeySelector,
  enableHttp2: bool,
  filterRunning: bool,
  followRedirects: bool,
  honorLabels: bool,
  honorTimestamps: bool,
  interval: duration,
  metricRelabelings: arr(relabelConfig),
  oauth2,
  params: mapOf(arr(str)),
  path: str,
  port: str,
  ...proxyFields,
  relabelings: arr(relabelConfig),
  scheme: oneOf("http", "https"),
  scrapeTimeout: duration,
  targetPort: intOrString,
  tlsConfig,
  trackTimestampsStaleness: bool,
});
const labelSelector = obj({
  matchExpressions: arr(obj({ key: str, operator: str, values: arr(str) }, { required: ["key", "operator"] })),
  matchLabels: mapOf(str),
});
const scrapeProtocol = oneOf("PrometheusProto", "OpenMetricsText0.0.1", "OpenMetricsText1.0.0", "PrometheusText0.0.4", "PrometheusText1.0.0");
const SERVICE_MONITOR_SCHEMA = obj({
  apiVersion: str,
  kind: str,
  metadata: { model: ObjectMeta },
  spec: obj({
    attachMetadata: obj({ node: bool }),
    bodySizeLimit: { type: "string", pattern: /^(0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$/ },
    convertClassicHistogramsToNHCB: bool,
    endpoints: arr(endpoint),
    fallbackScrapeProtocol: scrapeProtocol,
    jobLabel: str,
    keepDroppedTargets: int,
    labelLimit: int,
    labelNameLengthLimit: int,
    labelValueLengthLimit: int,
    namespaceSelector: obj({ any: bool, matchNames: arr(str) }),
    nativeHistogramBucketLimit: int,
    nativeHistogramMinBucketFactor: intOrString,
    podTargetLabels: arr(str),
    sampleLimit: int,
    scrapeClass: { type: "string", minLength: 1 },
    scrapeClassicHistograms: bool,
    scrapeProtocols: arr(scrapeProtocol),
    selector: labelSelector,
    selectorMechanism: oneOf("RelabelConfig", "RoleSelector"),
    targetLabels: arr(str),
    targetLimit: int,
  }, { required: ["endpoints", "selector"] }),
  status: { type: "object" }, // free-form (read-only)
}, { required: ["spec"] });

// ---------------------------------------------------------------------------------------------
// Derived schemas: the CloudNativePG objects the publisher writes, from the CRDs of the pinned versions
// (postgresql.cnpg.io: operator 1.30.0, config/crd/bases; barmancloud.cnpg.io: plugin-barman-cloud v0.13.0;
// PodMonitor: prometheus-operator). Every field of each level the publisher writes is declared, so an unknown one
// is an error; the fields it never writes are typed loosely (any value of the right JSON type).
// ---------------------------------------------------------------------------------------------

const anyObject = { type: "object" };
const anyArray = { type: "array" };
const loose = (names, schema) => Object.fromEntries(names.map((n) => [n, schema]));
const quantity = { type: ["string", "integer", "number"] };
const resourceRequirements = obj({ claims: arr(obj({ name: str, request: str }, { required: ["name"] })), limits: mapOf(quantity), requests: mapOf(quantity) });
const envVar = obj({ name: str, value: str, valueFrom: anyObject }, { required: ["name"] });
const localReference = obj({ name: str }, { required: ["name"] });
const cnpgObject = (spec) => obj({ apiVersion: str, kind: str, metadata: { model: ObjectMeta }, spec, status: anyObject }, { required: ["spec"] });

const CLUSTER_SCHEMA = cnpgObject(obj({
  ...loose(["backup", "certificates", "externalClusters", "managed", "monitoring", "nodeMaintenanceWindow", "probes", "primaryLease",
    "projectedVolumeTemplate", "replica", "replicationSlots", "securityContext", "podSecurityContext", "seccompProfile", "serviceAccountTemplate",
    "superuserSecret", "walStorage", "imageCatalogRef", "inheritedMetadata", "ephemeralVolumeSource"], anyObject),
  ...loose(["env", "envFrom", "imagePullSecrets", "podSelectorRefs", "tablespaces", "topologySpreadConstraints"], anyArray),
  ...loose(["description", "ephemeralVolumesSizeLimit", "imagePullPolicy", "logLevel", "priorityClassName", "schedulerName", "serviceAccountName"], str),
  ...loose(["enablePDB", "enableSuperuserAccess"], bool),
  ...loose(["failoverDelay", "livenessProbeTimeout", "maxSyncReplicas", "minSyncReplicas", "postgresGID", "postgresUID", "smartShutdownTimeout",
    "startDelay", "stopDelay", "switchoverDelay"], int),
  affinity: obj({
    ...loose(["additionalPodAffinity", "additionalPodAntiAffinity", "nodeAffinity", "nodeSelector"], anyObject),
    tolerations: anyArray, enablePodAntiAffinity: bool, podAntiAffinityType: str, topologyKey: str,
  }),
  bootstrap: obj({
    initdb: obj({
      ...loose(["builtinLocale", "encoding", "icuLocale", "icuRules", "locale", "localeCType", "localeCollate", "localeProvider", "walSegmentSize"], str),
      ...loose(["import", "secret"], anyObject),
      ...loose(["options", "postInitApplicationSQL", "postInitApplicationSQLRefs", "postInitSQL", "postInitSQLRefs", "postInitTemplateSQL", "postInitTemplateSQLRefs"], anyArray),
      dataChecksums: bool, database: str, owner: str,
    }),
    pg_basebackup: anyObject,
    recovery: anyObject,
  }),
  imageName: str,
  instances: { type: "integer", minimum: 1 },
  plugins: arr(obj({ enabled: bool, isWALArchiver: bool, name: str, parameters: mapOf(str) }, { required: ["name"] })),
  postgresql: obj({
    ...loose(["extensions", "pg_hba", "pg_ident", "shared_preload_libraries"], anyArray),
    ...loose(["ldap", "parameters", "syncReplicaElectionConstraint"], anyObject),
    enableAlterSystem: bool, promotionTimeout: int,
    synchronous: obj({
      dataDurability: oneOf("required", "preferred"), failoverQuorum: bool, maxStandbyNamesFromCluster: int,
      method: oneOf("any", "first"), number: int, standbyNamesPost: arr(str), standbyNamesPre: arr(str),
    }, { required: ["method", "number"] }),
  }),
  primaryUpdateMethod: oneOf("switchover", "restart"),
  primaryUpdateStrategy: oneOf("unsupervised", "supervised"),
  resources: resourceRequirements,
  storage: obj({ pvcTemplate: anyObject, resizeInUseVolumes: bool, size: str, storageClass: str }),
}, { required: ["instances"] }));

const DATABASE_SCHEMA = cnpgObject(obj({
  ...loose(["builtinLocale", "collationVersion", "databaseReclaimPolicy", "encoding", "ensure", "icuLocale", "icuRules", "locale", "localeCType",
    "localeCollate", "localeProvider", "tablespace", "template"], str),
  ...loose(["extensions", "fdws", "schemas", "servers"], anyArray),
  allowConnections: bool, isTemplate: bool, connectionLimit: int,
  cluster: localReference, name: str, owner: str,
}, { required: ["cluster", "name", "owner"] }));

const SCHEDULED_BACKUP_SCHEMA = cnpgObject(obj({
  backupOwnerReference: oneOf("none", "self", "cluster"),
  cluster: localReference,
  immediate: bool,
  method: oneOf("barmanObjectStore", "volumeSnapshot", "plugin"),
  online: bool,
  onlineConfiguration: anyObject,
  pluginConfiguration: obj({ name: str, parameters: mapOf(str) }, { required: ["name"] }),
  schedule: str,
  suspend: bool,
  target: oneOf("primary", "prefer-standby"),
}, { required: ["cluster", "schedule"] }));

const compressed = (algorithms, extra) => obj({ compression: oneOf(...algorithms), encryption: str, ...extra });
const OBJECT_STORE_SCHEMA = cnpgObject(obj({
  configuration: obj({
    ...loose(["azureCredentials", "endpointCA", "googleCredentials", "historyTags", "tags"], anyObject),
    destinationPath: { type: "string", minLength: 1 },
    endpointURL: str,
    serverName: str,
    s3Credentials: obj({ ...loose(["accessKeyId", "region", "secretAccessKey", "sessionToken"], secretKeySelector), inheritFromIAMRole: bool }),
    wal: compressed(["bzip2", "gzip", "lz4", "snappy", "xz", "zstd"], { archiveAdditionalCommandArgs: arr(str), maxParallel: int, restoreAdditionalCommandArgs: arr(str) }),
    data: compressed(["bzip2", "gzip", "lz4", "snappy"], { additionalCommandArgs: arr(str), immediateCheckpoint: bool, jobs: int, restoreAdditionalCommandArgs: arr(str) }),
  }, { required: ["destinationPath"] }),
  instanceSidecarConfiguration: obj({
    additionalContainerArgs: arr(str), env: arr(envVar), logLevel: str, resources: resourceRequirements, retentionPolicyIntervalSeconds: int,
  }),
  retentionPolicy: { type: "string", pattern: /^[1-9][0-9]*[dwm]$/ },
}, { required: ["configuration"] }));

const POD_MONITOR_SCHEMA = obj({
  apiVersion: str,
  kind: str,
  metadata: { model: ObjectMeta },
  spec: obj({
    attachMetadata: obj({ node: bool }),
    jobLabel: str,
    namespaceSelector: obj({ any: bool, matchNames: arr(str) }),
    podMetricsEndpoints: arr(obj({ ...endpoint.properties, portNumber: int })),
    podTargetLabels: arr(str),
    sampleLimit: int,
    selector: labelSelector,
    targetLimit: int,
  }, { required: ["selector"] }),
  status: anyObject,
}, { required: ["spec"] });

const HAND_WRITTEN = new Map([
  ["monitoring.coreos.com/v1 ServiceMonitor", SERVICE_MONITOR_SCHEMA],
  ["monitoring.coreos.com/v1 PodMonitor", POD_MONITOR_SCHEMA],
  ["postgresql.cnpg.io/v1 Cluster", CLUSTER_SCHEMA],
  ["postgresql.cnpg.io/v1 Database", DATABASE_SCHEMA],
  ["postgresql.cnpg.io/v1 ScheduledBackup", SCHEDULED_BACKUP_SCHEMA],
  ["barmancloud.cnpg.io/v1 ObjectStore", OBJECT_STORE_SCHEMA],
]);

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Minimal JSON-schema-like checker for the hand-written schemas. Returns [{segs, message}]. */
async function checkSchema(schema, value, segs, out) {
  if (value === null || value === undefined) return; // null = unset, as for built-in kinds
  if (schema.model) {
    if (typeOf(value) !== "object") {
      out.push({ segs, message: `must be object (got ${describeValue(value)})` });
      return;
    }
    const ptr = segs.map((s) => "/" + escPtr(s)).join("");
    out.push(...(await validateWithModel(schema.model, value, ptr)));
    return;
  }
  const types = [].concat(schema.type);
  const actual = typeOf(value);
  if (!types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
    out.push({ segs, message: `must be ${types.join(" or ")} (got ${describeValue(value)})` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({ segs, message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")} (got ${describeValue(value)})` });
  }
  if (schema.pattern && typeof value === "string" && !schema.pattern.test(value)) {
    out.push({ segs, message: `must match pattern ${schema.pattern} (got ${describeValue(value)})` });
  }
  if (schema.minimum !== undefined && typeof value === "number" && value < schema.minimum) {
    out.push({ segs, message: `must be at least ${schema.minimum} (got ${value})` });
  }
  if (schema.minLength && typeof value === "string" && value.length < schema.minLength) {
    out.push({ segs, message: `must not be shorter than ${schema.minLength} characters` });
  }
  if (actual === "array" && schema.items) {
    for (const [i, item] of value.entries()) await checkSchema(schema.items, item, [...segs, i], out);
  }
  if (actual === "object") {
    for (const r of schema.required ?? []) {
      if (value[r] === undefined) out.push({ segs, message: `missing required field "${r}"` });
    }
    if (schema.properties) {
      for (const [k, v] of Object.entries(value)) {
        const sub = schema.properties[k];
        if (sub) {
          await checkSchema(sub, v, [...segs, k], out);
        } else {
          const hint = suggest(k, Object.keys(schema.properties));
          out.push({ segs: [...segs, k], message: `unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ""}` });
        }
      }
    } else if (schema.additionalProperties) {
      for (const [k, v] of Object.entries(value)) await checkSchema(schema.additionalProperties, v, [...segs, k], out);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Files, YAML, locations
// ---------------------------------------------------------------------------------------------

const YAML_EXT = /\.ya?ml$/i;
const KUSTOMIZATION_NAMES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);

function collectFiles(arg, out, fatal) {
  let st;
  try {
    st = fs.statSync(arg);
  } catch {
    fatal.push({ file: arg, line: null, column: null, message: `path not found: ${arg}` });
    return;
  }
  if (st.isFile()) {
    out.push(arg);
    return;
  }
  if (!st.isDirectory()) {
    fatal.push({ file: arg, line: null, column: null, message: `not a file or directory: ${arg}` });
    return;
  }
  (function scan(dir) {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === "node_modules" || e.name.startsWith(".")) continue;
        scan(p);
      } else if ((e.isFile() || (e.isSymbolicLink() && fs.statSync(p, { throwIfNoEntry: false })?.isFile())) && YAML_EXT.test(e.name)) {
        out.push(p);
      }
    }
  })(arg);
}

// YAML 1.1 scalars like kubectl (sigs.k8s.io/yaml, go-yaml v2): yes/no/on/off are booleans,
// 0755 is octal. Timestamps and sexagesimal numbers stay strings (go-yaml v2 does not convert them).
const PARSE_OPTIONS = {
  version: "1.1",
  customTags: (tags) => tags.filter((t) => t.tag !== "tag:yaml.org,2002:timestamp" && t.format !== "TIME"),
  prettyErrors: true,
  uniqueKeys: true,
};

function parseFile(file) {
  const src = fs.readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(src, { ...PARSE_OPTIONS, lineCounter });
  const list = Array.isArray(docs) ? docs : [docs]; // EmptyStream for empty files
  const errors = [];
  for (const d of list) {
    for (const e of d.errors ?? []) {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos?.[0] ?? 0);
      const text = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      errors.push({ file, line: pos.line, column: pos.col, message: `YAML parse error: ${text}` });
    }
  }
  return { docs: list, lineCounter, errors };
}

/** Line/column of the YAML node at `segs` (the key node when `preferKey`), falling back to the deepest existing ancestor. */
function locate(doc, lineCounter, segs, preferKey) {
  let node = doc.contents;
  let keyNode = null;
  let best = node;
  for (const s of segs) {
    if (isAlias(node)) node = node.resolve(doc);
    let next = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(s));
      if (!pair) break;
      keyNode = pair.key;
      next = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      next = node.items[Number(s)];
      keyNode = null;
      if (!next) break;
    } else {
      break;
    }
    node = next;
    best = null;
  }
  const target = best ?? (preferKey && keyNode ? keyNode : node ?? keyNode);
  const offset = target?.range?.[0] ?? doc.range?.[0] ?? 0;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function formatPath(segs) {
  let out = "";
  for (const s of segs) {
    if (typeof s === "number" || /^\d+$/.test(String(s))) out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += (out ? "." : "") + s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || "(root)";
}

/** Files referenced as patches by kustomization files (partial objects, not validated). */
function kustomizePatchFiles(files) {
  const patches = new Map(); // absolute path -> kustomization file
  for (const f of files) {
    if (!KUSTOMIZATION_NAMES.has(path.basename(f))) continue;
    let k;
    try {
      k = parseAllDocuments(fs.readFileSync(f, "utf8"), PARSE_OPTIONS)[0]?.toJS();
    } catch {
      continue;
    }
    if (!k || typeof k !== "object") continue;
    const refs = [
      ...(Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []),
      ...[k.patches, k.patchesJson6902].flatMap((list) => (Array.isArray(list) ? list.map((p) => p?.path) : [])),
    ];
    for (const r of refs) {
      if (typeof r === "string" && YAML_EXT.test(r) && !r.includes("\n")) patches.set(path.resolve(path.dirname(f), r), f);
    }
  }
  return patches;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const USAGE = "usage: node validate.mjs <file-or-directory>...  (directories are scanned recursively for *.yaml / *.yml)";

async function main(argv) {
  const result = { files: 0, documents: 0, validated: 0, skipped: [], errors: [], fatal: [] };
  const args = argv.filter((a) => a !== "--");
  if (args.includes("-h") || args.includes("--help")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (args.length === 0) {
    result.fatal.push({ file: null, line: null, column: null, message: USAGE });
    return finish(result, 2);
  }
  const files = [];
  for (const a of args) collectFiles(a, files, result.fatal);
  const uniqueFiles = [...new Set(files)];
  const patchFiles = kustomizePatchFiles(uniqueFiles);
  result.files = uniqueFiles.length;

  for (const file of uniqueFiles) {
    let parsed;
    try {
      parsed = parseFile(file);
    } catch (e) {
      result.fatal.push({ file, line: null, column: null, message: `cannot read: ${e.message}` });
      continue;
    }
    if (parsed.errors.length) {
      result.fatal.push(...parsed.errors);
      continue;
    }
    const patchOf = patchFiles.get(path.resolve(file));
    for (const [index, doc] of parsed.docs.entries()) {
      const data = doc.toJS({ maxAliasCount: 1000 });
      if (data === null || data === undefined) continue; // empty document
      result.documents++;
      const apiVersion = typeof data === "object" && data !== null && !Array.isArray(data) && typeof data.apiVersion === "string" ? data.apiVersion : null;
      const kind = typeof data === "object" && data !== null && !Array.isArray(data) && typeof data.kind === "string" ? data.kind : null;
      const name = (typeof data === "object" && data?.metadata && typeof data.metadata === "object" && (data.metadata.name ?? data.metadata.generateName)) ?? null;
      const skip = (reason) => result.skipped.push({ file, index, apiVersion, kind, reason });
      const docErrors = [];
      const report = (segs, message, preferKey = false) => {
        const { line, column } = locate(doc, parsed.lineCounter, segs, preferKey);
        const p = formatPath(segs);
        docErrors.push({ file, index, apiVersion, kind, name: typeof name === "string" ? name : null, path: p, line, column, message: `${p}: ${message}` });
      };

      if (typeof data !== "object" || Array.isArray(data)) {
        skip(`document is a ${Array.isArray(data) ? "sequence" : typeof data}, not a Kubernetes object`);
        continue;
      }
      if (patchOf) {
        skip(`kustomize patch referenced by ${patchOf} (partial object, not validated)`);
        continue;
      }
      const isKustomize =
        (apiVersion ?? "").startsWith("kustomize.config.k8s.io/") ||
        (apiVersion === null && (KUSTOMIZATION_NAMES.has(path.basename(file)) || kind === "Kustomization" || kind === "Component"));
      if (isKustomize) {
        skip(`kustomize configuration (${apiVersion ?? "no apiVersion"} ${kind ?? "Kustomization"}), not a Kubernetes API object`);
        continue;
      }
      if (apiVersion === null && kind === null) {
        skip("not a Kubernetes object: no apiVersion and kind");
        continue;
      }
      if (apiVersion === null || kind === null) {
        report([], `missing required field "${apiVersion === null ? "apiVersion" : "kind"}"`);
        result.errors.push(...docErrors);
        continue;
      }

      let problems;
      const handWritten = HAND_WRITTEN.get(`${apiVersion} ${kind}`);
      if (handWritten) {
        problems = [];
        await checkSchema(handWritten, data, [], problems);
      } else {
        const model = await resolveModel(apiVersion, kind);
        if (model.skip) {
          skip(model.skip);
          continue;
        }
        if (model.error) {
          report(["kind"], model.error);
          result.errors.push(...docErrors);
          continue;
        }
        problems = await validateWithModel(model.cls, data);
      }
      result.validated++;
      if (!name && !kind.endsWith("List")) {
        problems.push({ segs: data.metadata ? ["metadata"] : [], message: 'missing required field "name" (or "generateName")' });
      }
      for (const p of problems) report(p.segs, p.message, p.message.startsWith("unknown field"));
      docErrors.sort((a, b) => a.line - b.line || a.column - b.column);
      result.errors.push(...docErrors);
    }
  }
  return finish(result, result.fatal.length ? 2 : result.errors.length ? 1 : 0);
}

function finish(result, code) {
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  for (const f of result.fatal) {
    process.stderr.write(`${f.file ? `${f.file}${f.line ? `:${f.line}:${f.column}` : ""}: ` : ""}${f.message}\n`);
  }
  for (const e of result.errors) process.stderr.write(`${e.file}:${e.line}:${e.column}: [${e.kind}/${e.name ?? "?"}] ${e.message}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);
