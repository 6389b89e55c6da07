package org.nestguard.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nestguard.protocol.policy.PasswordAge;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/**
 * The JSON schema in {@code schema/} and the Java model describe the same documents: the same objects, the
 * same property names, types and enum values, and a {@code required} list that is exactly what the loader
 * refuses to go without. There is no schema validator dependency, so the schema is compared with the model
 * by reflection, and {@code required} is proved by deleting fields from a complete document.
 */
class SchemaModelAgreementTest {
    private static final String MODEL = Policy.class.getPackageName();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static JsonNode schema;
    private static JsonNode defs;

    /** A document that sets every property of every object, so each one can be deleted in turn. */
    private static final String COMPLETE = """
            schemaVersion: 1
            setting: {id: sample-setting, name: Sample Setting, source: sample.txt, policyDate: "2026"}
            roles: {dsl: [A], deputyDsl: [B], manager: [C], headteacher: [D], designatedPerson: [E]}
            termDates:
              - {name: Autumn 2026, start: 2026-09-03, end: 2026-12-18}
            premises: {networks: [10.1.0.0/16]}
            schedule: {checkEvery: PT1H, checkInEvery: PT5M}
            passwords:
              required: true
              maxAge: P1Y
              guestAllowed: false
              autoLogonAllowed: false
              sharedAccountNames: [staff]
              clauses: [{section: "7.5.1", quote: "Change their passwords every year."}]
            screenLock: {maxIdle: PT5M, passwordOnWake: true, clauses: [{section: "7.5", quote: q}]}
            encryption: {required: always, clauses: [{section: "7.5", quote: q}]}
            learners: {groups: [learners], names: [children], namePattern: "learner-.*", clauses: [{section: "7.5.1", quote: q}]}
            antivirus: {maxSignatureAge: P3D, clauses: [{section: "7.5", quote: q}]}
            firewall: {clauses: [{section: "11.4", quote: q}]}
            updates: {maxSecurityUpdateAge: P14D, clauses: [{section: "7.1", quote: q}]}
            software: {approved: ["Google Chrome"], approveOsComponents: true, clauses: [{section: "7.5", quote: q}]}
            logonNotice: {title: T, text: You are monitored., clauses: [{section: "7.3.4", quote: q}]}
            removableMedia: {permissionRequired: true, scanBeforeUse: true, childDataTransportForbidden: false, clauses: [{section: "7.5", quote: q}]}
            monitoring: {methods: [browserHistory], history: {upload: flagged, keepFlags: P6Y, collectEvery: PT5M, categories: [{name: gaming, severity: low}], clauses: [{section: "7.3.2", quote: q}]}, clauses: [{section: "7.3.4", quote: q}]}
            fileChecks: {watch: [Downloads], rescanEvery: PT6H, hashLists: [police], isolateHashMatches: true, placeRules: [{folder: Downloads, kinds: [executable], unlessApproved: true, reason: r}], cameraFolders: [DCIM], holdLockExcept: [admin], clauses: [{section: "7.5", quote: q}]}
            filtering: {provider: P, blockedCategories: [gaming], iwfList: true, searchTools: [S], clauses: [{section: "7.3.2", quote: q}]}
            socialMedia: {use: controlled, permittedTimes: [break], clauses: [{section: "8.1", quote: q}]}
            """;

    @BeforeAll
    static void readSchema() throws Exception {
        schema = new ObjectMapper().readTree(Path.of("schema", "policy.schema.json").toFile());
        defs = schema.get("$defs");
    }

    @Test
    void isDraft2020ObjectSchemaRootedAtPolicy() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        assertEquals("#/$defs/Policy", schema.get("$ref").asText());
    }

    @Test
    void everyModelRecordHasADefinitionAndNoDefinitionIsStray() {
        Set<String> records = new TreeSet<>();
        collectRecords(Policy.class, records);
        Set<String> defined = new TreeSet<>();
        defs.fieldNames().forEachRemaining(defined::add);
        assertEquals(records, defined);
    }

    @Test
    void everyObjectHasTheRecordsComponentsAndNoMore() throws Exception {
        for (Map.Entry<String, JsonNode> def : entries(defs)) {
            Class<?> type = Class.forName(MODEL + "." + def.getKey());
            JsonNode object = def.getValue();
            assertEquals("object", object.path("type").asText(), def.getKey());
            assertFalse(object.path("additionalProperties").asBoolean(true), def.getKey() + " must refuse unknown fields");
            assertTrue(object.path("description").asText().length() > 10, def.getKey() + " needs a description");
            Set<String> properties = new TreeSet<>();
            object.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(component.getName());
            }
            assertEquals(components, properties, def.getKey() + ": schema properties vs record components");
            for (RecordComponent component : type.getRecordComponents()) {
                checkType(def.getKey() + "." + component.getName(), object.get("properties").get(component.getName()),
                        component.getGenericType());
            }
        }
    }

    @Test
    void requiredIsExactlyWhatTheLoaderRefusesToGoWithout() throws Exception {
        ObjectNode complete = (ObjectNode) YAML.readTree(COMPLETE);
        new PolicyLoader().parse("complete", COMPLETE); // the starting point must itself be valid
        Map<String, String> pathOf = new LinkedHashMap<>();
        locate(complete, "Policy", "", pathOf);
        assertEquals(new TreeSet<>(namesOf(defs)), new TreeSet<>(pathOf.keySet()), "the sample must hold every object");

        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, String> entry : pathOf.entrySet()) {
            JsonNode def = defs.get(entry.getKey());
            Set<String> required = new TreeSet<>();
            def.path("required").forEach(n -> required.add(n.asText()));
            for (String property : namesOf(def.get("properties"))) {
                String field = entry.getValue().isEmpty() ? property : entry.getValue() + "." + property;
                ObjectNode document = complete.deepCopy();
                ((ObjectNode) at(document, entry.getValue())).remove(property);
                String yaml = YAML.writeValueAsString(document);
                try {
                    new PolicyLoader().parse("without-" + field, yaml);
                    if (required.contains(property)) {
                        disagreements.add(field + " is required in the schema but the loader accepts a document without it");
                    }
                } catch (PolicyException e) {
                    if (!required.contains(property)) {
                        disagreements.add(field + " is optional in the schema but the loader says: " + e.getMessage());
                    } else if (!e.field().equals(field)) {
                        disagreements.add(field + " missing is reported against '" + e.field() + "': " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void durationPatternAcceptsWhatTheLoaderReadsAndRefusesBareNumbersAndWords() {
        Pattern duration = Pattern.compile(defs.at("/ScreenLockRule/properties/maxIdle/pattern").asText());
        for (String good : List.of("PT5M", "PT30S", "P7D", "PT1H30M", "P1DT2H", "PT0.5S")) {
            assertTrue(duration.matcher(good).matches(), good);
            Duration.parse(good); // and Java reads it too
        }
        for (String bad : List.of("5 minutes", "300", "PT-5M", "P", "PT", "P1W", "pt5m", "-PT5M")) {
            assertFalse(duration.matcher(bad).matches(), bad);
        }
    }

    @Test
    void passwordAgePatternAgreesWithTheModel() {
        Pattern age = Pattern.compile(defs.at("/PasswordRule/properties/maxAge/pattern").asText());
        for (String good : List.of("none", "term", "P1Y", "P1M", "P30D", "P2W")) {
            assertTrue(age.matcher(good).matches(), good);
            assertNotNull(PasswordAgeProbe.parse(good), good);
        }
        for (String bad : List.of("monthly", "P-1M", "1Y", "P", "Term", "P1YT1H")) {
            assertFalse(age.matcher(bad).matches(), bad);
        }
    }

    @Test
    void settingIdPatternAgreesWithTheLoader() throws Exception {
        Pattern id = Pattern.compile(defs.at("/Setting/properties/id/pattern").asText());
        for (String candidate : List.of("ditton-junior", "a1", "flagg", "Ditton", "ditton--junior", "-ditton", "ditton_junior",
                "ditton-", "ditton junior")) {
            String yaml = "schemaVersion: 1\nsetting: {id: \"" + candidate + "\", name: N, source: S}\n";
            boolean loads;
            try {
                new PolicyLoader().parse("id", yaml);
                loads = true;
            } catch (PolicyException e) {
                loads = false;
                assertEquals("setting.id", e.field(), candidate);
            }
            assertEquals(loads, id.matcher(candidate).matches(), "schema and loader disagree on '" + candidate + "'");
        }
    }

    @Test
    void conditionalRequirementsMatchTheLoadersCrossFieldChecks() {
        // maxAge: term needs termDates; offPremises needs networks; permittedTimes needs times.
        String all = defs.get("Policy").get("allOf").toString() + defs.get("SocialMediaRule").get("allOf");
        assertTrue(all.contains("\"const\":\"term\"") && all.contains("\"termDates\""), all);
        assertTrue(all.contains("\"const\":\"offPremises\"") && all.contains("\"networks\""), all);
        assertTrue(all.contains("\"const\":\"permittedTimes\""), all);
        assertThrows(PolicyException.class, () -> new PolicyLoader().parse("t", COMPLETE.replace("maxAge: P1Y", "maxAge: term")
                .replaceAll("(?s)termDates:\\n  - \\{[^}]*}\\n", "")));
    }

    /** Reads maxAge through the loader, since PasswordAge's parser is package-private. */
    private static final class PasswordAgeProbe {
        static PasswordAge parse(String text) {
            try {
                return new PolicyLoader().parse("age", COMPLETE.replace("maxAge: P1Y", "maxAge: " + text)).passwords().maxAge();
            } catch (PolicyException e) {
                fail(text + ": " + e.getMessage());
                return null;
            }
        }
    }

    private void checkType(String where, JsonNode property, Type type) {
        assertNotNull(property, where);
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (List.class.isAssignableFrom(raw)) {
            assertEquals("array", property.path("type").asText(), where);
            checkType(where + "[]", property.get("items"), ((ParameterizedType) type).getActualTypeArguments()[0]);
        } else if (raw.isRecord()) {
            assertEquals("#/$defs/" + raw.getSimpleName(), property.path("$ref").asText(), where);
        } else if (raw.isEnum()) {
            List<String> values = new ArrayList<>();
            property.get("enum").forEach(v -> values.add(v.asText()));
            List<String> constants = Arrays.stream(raw.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                    .map(f -> f.getAnnotation(JsonProperty.class).value()).toList();
            assertEquals(constants, values, where);
        } else if (raw == Boolean.class) {
            assertEquals("boolean", property.path("type").asText(), where);
        } else if (raw == Integer.class) {
            assertEquals(Policy.SCHEMA_VERSION, property.path("const").asInt(-1), where);
        } else if (raw == String.class) {
            assertEquals("string", property.path("type").asText(), where);
        } else if (raw == Duration.class || raw == java.time.Period.class || raw == PasswordAge.class) {
            assertEquals("string", property.path("type").asText(), where);
            assertTrue(property.path("pattern").asText().startsWith("^"), where + " needs an anchored pattern");
        } else if (raw == LocalDate.class) {
            assertEquals("date", property.path("format").asText(), where);
        } else {
            fail(where + ": no schema mapping known for " + type);
        }
    }

    private static void collectRecords(Class<?> type, Set<String> into) {
        if (!type.isRecord() || !type.getPackageName().equals(MODEL) || !into.add(type.getSimpleName())) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Type generic = component.getGenericType();
            if (generic instanceof ParameterizedType p) {
                for (Type argument : p.getActualTypeArguments()) {
                    if (argument instanceof Class<?> c) {
                        collectRecords(c, into);
                    }
                }
            } else if (generic instanceof Class<?> c) {
                collectRecords(c, into);
            }
        }
    }

    /** Records, for each definition, the first place in the document where an object of that kind sits. */
    private static void locate(JsonNode node, String def, String path, Map<String, String> into) {
        into.putIfAbsent(def, path);
        JsonNode properties = defs.get(def).get("properties");
        for (String name : namesOf(properties)) {
            JsonNode child = node.get(name);
            JsonNode spec = properties.get(name);
            String childPath = path.isEmpty() ? name : path + "." + name;
            if (child == null) {
                continue;
            }
            if (spec.has("$ref")) {
                locate(child, refName(spec), childPath, into);
            } else if (spec.path("items").has("$ref") && child.size() > 0) {
                locate(child.get(0), refName(spec.get("items")), childPath + "[0]", into);
            }
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.replace("[", ".[").split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            node = part.startsWith("[") ? ((ArrayNode) node).get(Integer.parseInt(part.substring(1, part.length() - 1)))
                    : node.get(part);
        }
        return node;
    }

    private static String refName(JsonNode spec) {
        return spec.get("$ref").asText().substring("#/$defs/".length());
    }

    private static List<String> namesOf(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        object.fields().forEachRemaining(list::add);
        return list;
    }
}
