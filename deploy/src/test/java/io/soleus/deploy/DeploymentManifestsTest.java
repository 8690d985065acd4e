package io.soleus.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.soleus.kernel.Topics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs here, so this reads every manifest and checks what must agree with the services'
 * own configuration: image names and tags, ports, the environment variables a service reads, probe
 * paths, the secrets and database names of the PostgreSQL clusters, and the Kafka topics with their
 * partitions and retention.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> SERVICES = List.of("booking-service", "treatment-service", "notifications-service");
    /** Read by Spring itself rather than through a placeholder of ours. */
    private static final String ISSUER = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    private static final Set<String> REQUIRED = Set.of("SOLEUS_HTTP_PORT", "SOLEUS_DB_URL", "SOLEUS_DB_USER",
            "SOLEUS_DB_PASSWORD", "SOLEUS_KAFKA_BOOTSTRAP", ISSUER);

    private static final String WEB = "web";
    private static final Set<String> WEB_REQUIRED = Set.of("SOLEUS_HTTP_PORT", "SOLEUS_DB_URL", "SOLEUS_DB_USER",
            "SOLEUS_DB_PASSWORD", "SOLEUS_OIDC_ISSUER_URI", "SOLEUS_OIDC_CLIENT_SECRET", "SOLEUS_BOOKING_URL",
            "SOLEUS_TREATMENT_URL", "SOLEUS_NOTIFICATIONS_URL");

    /** What a service's application.yml says about itself. */
    record ServiceConfig(String name, int port, Set<String> environment, Set<String> topics, int mostSegments) {
    }

    private final List<Map<String, Object>> k8s = kubernetesDocuments();

    @Test
    void each_service_runs_as_a_deployment_with_its_config_map_service_autoscaler_and_disruption_budget() {
        for (String service : SERVICES) {
            assertThat(kinds(service)).as(service)
                    .contains("ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget");
        }
    }

    @Test
    void kustomize_applies_every_manifest() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(ROOT.resolve("deploy/k8s/kustomization.yaml")));
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) kustomization.get("resources");
            assertThat(resources).containsExactlyInAnyOrderElementsOf(
                    manifests(files).stream().map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void a_deployment_runs_the_services_image_on_its_port_with_only_the_settings_it_reads() {
        for (String name : SERVICES) {
            ServiceConfig service = serviceConfig(name);
            Map<String, Object> container = container(name);
            assertThat(container.get("image")).as(name).isEqualTo("soleus/" + name + ":" + imageTag());
            Map<String, Object> port = first(list(container, "ports"));
            assertThat(port.get("name")).isEqualTo("http");
            assertThat(port.get("containerPort")).as(name).isEqualTo(service.port());

            Map<String, String> settings = strings(map(document("ConfigMap", name), "data"));
            Set<String> names = new HashSet<>(settings.keySet());
            list(container, "env").forEach(entry -> names.add((String) entry.get("name")));
            assertThat(names).as(name + " sets only what it reads").isSubsetOf(union(service.environment(), Set.of(ISSUER)));
            assertThat(names).as(name + " is given what it needs").containsAll(REQUIRED);
            assertThat(settings.get("SOLEUS_HTTP_PORT")).isEqualTo(String.valueOf(service.port()));
            assertThat(map(first(list(container, "envFrom")), "configMapRef").get("name")).isEqualTo(name);
        }
    }

    @Test
    void probes_ask_the_liveness_and_readiness_groups_which_every_service_answers_on_its_api_port() throws IOException {
        assertThat(Files.readString(ROOT.resolve("platform/src/main/resources/soleus-platform-defaults.properties")))
                .contains("management.endpoint.health.probes.enabled=true")
                .contains("management.endpoint.health.probes.add-additional-paths=true");
        for (String name : SERVICES) {
            Map<String, Object> container = container(name);
            assertThat(probe(container, "livenessProbe")).isEqualTo("/livez");
            assertThat(probe(container, "startupProbe")).isEqualTo("/livez");
            assertThat(probe(container, "readinessProbe")).isEqualTo("/readyz");
            for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
                assertThat(map(map(container, probe), "httpGet").get("port")).as(name + " " + probe).isEqualTo("http");
            }
        }
    }

    @Test
    void prometheus_scrapes_the_management_port_which_no_service_exposes_and_only_monitoring_reaches() {
        for (String name : SERVICES) {
            Map<String, Object> container = container(name);
            Map<String, Object> management = list(container, "ports").stream()
                    .filter(port -> "management".equals(port.get("name"))).findFirst().orElseThrow();
            String port = String.valueOf(management.get("containerPort"));
            assertThat(strings(map(document("ConfigMap", name), "data")).get("SOLEUS_MANAGEMENT_PORT")).isEqualTo(port);
            Map<String, String> annotations = strings(map(map(map(map(document("Deployment", name), "spec"), "template"),
                    "metadata"), "annotations"));
            assertThat(annotations).containsEntry("prometheus.io/port", port)
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            assertThat(list(map(document("Service", name), "spec"), "ports"))
                    .as(name + "'s Service exposes the API alone").extracting(entry -> entry.get("targetPort"))
                    .containsExactly("http");
            List<Map<String, Object>> ingress = list(map(document("NetworkPolicy", name), "spec"), "ingress");
            Map<String, Object> toManagement = ingress.stream()
                    .filter(rule -> "management".equals(first(list(rule, "ports")).get("port"))).findFirst().orElseThrow();
            assertThat(map(map(first(list(toManagement, "from")), "namespaceSelector"), "matchLabels"))
                    .containsEntry("kubernetes.io/metadata.name", "monitoring");
            assertThat(ingress).as("nothing else opens the management port")
                    .allMatch(rule -> rule == toManagement || list(rule, "ports").stream()
                            .noneMatch(opened -> "management".equals(opened.get("port"))));
        }
    }

    @Test
    void the_service_autoscaler_and_budget_point_at_the_deployments_pods() {
        for (String name : SERVICES) {
            Map<String, Object> labels = map(map(map(map(document("Deployment", name), "spec"), "template"),
                    "metadata"), "labels");
            Map<String, Object> service = map(document("Service", name), "spec");
            assertThat(labels).containsAllEntriesOf(map(service, "selector"));
            assertThat(first(list(service, "ports")).get("targetPort")).isEqualTo("http");
            assertThat(map(map(document("HorizontalPodAutoscaler", name), "spec"), "scaleTargetRef").get("name"))
                    .isEqualTo(name);
            assertThat(labels).containsAllEntriesOf(map(map(map(document("PodDisruptionBudget", name), "spec"),
                    "selector"), "matchLabels"));
            assertThat((Integer) map(document("HorizontalPodAutoscaler", name), "spec").get("minReplicas"))
                    .isGreaterThan((Integer) map(document("PodDisruptionBudget", name), "spec").get("minAvailable"));
        }
    }

    @Test
    void each_service_reaches_its_own_postgres_cluster_with_the_operators_secret() {
        Set<String> databases = new HashSet<>();
        for (String name : SERVICES) {
            String url = strings(map(document("ConfigMap", name), "data")).get("SOLEUS_DB_URL");
            Matcher jdbc = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z_]+)").matcher(url);
            assertThat(jdbc.matches()).as(url).isTrue();
            Map<String, Object> cluster = document("Cluster", jdbc.group(1));
            assertThat(map(map(map(cluster, "spec"), "bootstrap"), "initdb").get("database")).isEqualTo(jdbc.group(2));
            databases.add(jdbc.group(2));
            for (Map<String, Object> entry : list(container(name), "env")) {
                if (((String) entry.get("name")).startsWith("SOLEUS_DB_")) {
                    assertThat(map(map(entry, "valueFrom"), "secretKeyRef").get("name")).isEqualTo(jdbc.group(1) + "-app");
                }
            }
        }
        assertThat(databases).as("no two services share a database").hasSize(SERVICES.size());
    }

    @Test
    void the_kafka_topics_are_those_the_services_use_kept_forever_with_room_for_every_segment() {
        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        k8s.stream().filter(doc -> "KafkaTopic".equals(doc.get("kind")))
                .forEach(doc -> topics.put((String) map(doc, "metadata").get("name"), map(doc, "spec")));
        Set<String> used = new HashSet<>();
        int mostSegments = 0;
        for (String name : SERVICES) {
            used.addAll(serviceConfig(name).topics());
            mostSegments = Math.max(mostSegments, serviceConfig(name).mostSegments());
            String kafka = (String) map(k8s.stream().filter(doc -> "Kafka".equals(doc.get("kind"))).findFirst()
                    .orElseThrow(), "metadata").get("name");
            assertThat(strings(map(document("ConfigMap", name), "data")).get("SOLEUS_KAFKA_BOOTSTRAP"))
                    .isEqualTo(kafka + "-kafka-bootstrap:9092");
        }
        used.add(Topics.KEYS);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(used);
        // the keys topic is compacted: a forgotten client's tombstones remove their keys for good
        Map<String, Object> keys = topics.remove(Topics.KEYS);
        assertThat((Integer) keys.get("partitions")).isEqualTo(Topics.KEYS_PARTITIONS);
        Topics.KEYS_CONFIG.forEach((name, value) -> assertThat(String.valueOf(map(keys, "config").get(name))).as(name)
                .isEqualTo(value));
        assertThat((Integer) keys.get("replicas")).isGreaterThan((Integer) map(keys, "config").get("min.insync.replicas"));
        for (Map<String, Object> topic : topics.values()) {
            // the platform's one declaration of its topics, which the services check before they start
            assertThat((Integer) topic.get("partitions")).isEqualTo(Topics.PARTITIONS).isGreaterThanOrEqualTo(mostSegments);
            Topics.CONFIG.forEach((name, value) -> assertThat(String.valueOf(map(topic, "config").get(name))).as(name).isEqualTo(value));
            assertThat((Integer) topic.get("replicas"))
                    .isGreaterThan((Integer) map(topic, "config").get("min.insync.replicas"));
            for (String name : SERVICES) {
                Map<String, String> settings = strings(map(document("ConfigMap", name), "data"));
                assertThat(settings).as(name + " checks the provisioned topics, never creates them")
                        .containsEntry("SOLEUS_KAFKA_TOPICS_CREATE", "false")
                        .containsEntry("SOLEUS_KAFKA_REPLICATION_FACTOR", String.valueOf(topic.get("replicas")))
                        .containsEntry("SOLEUS_KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(map(topic, "config").get("min.insync.replicas")));
            }
        }
    }

    @Test
    void compose_builds_and_runs_each_service_on_its_port_with_only_the_settings_it_reads() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("deploy/compose.yaml")));
        String databases = Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql"));
        for (String name : SERVICES) {
            ServiceConfig service = serviceConfig(name);
            Map<String, Object> entry = map(map(compose, "services"), name);
            assertThat(entry.get("image")).isEqualTo("soleus/" + name + ":" + imageTag());
            assertThat(map(map(entry, "build"), "args").get("SERVICE")).isEqualTo(name);
            Map<String, String> environment = strings(map(entry, "environment"));
            assertThat(environment.keySet()).isSubsetOf(union(service.environment(), Set.of(ISSUER)))
                    .containsAll(REQUIRED);
            String port = environment.get("SOLEUS_HTTP_PORT");
            assertThat((List<?>) entry.get("ports")).singleElement().asString().endsWith(":" + port);
            assertThat(String.join(" ", strings(map(entry, "healthcheck")).get("test")))
                    .contains("http://localhost:" + port + "/readyz");
            assertThat((List<?>) entry.get("ports")).as("the actuator's port is published to no one").singleElement()
                    .asString().doesNotContain(environment.get("SOLEUS_MANAGEMENT_PORT"));
            assertThat(databases).contains("CREATE DATABASE " + environment.get("SOLEUS_DB_URL")
                    .substring(environment.get("SOLEUS_DB_URL").lastIndexOf('/') + 1) + ";");
        }
    }

    @Test
    void the_web_front_end_runs_behind_the_ingress_and_calls_the_services_inside_the_cluster() {
        assertThat(kinds(WEB)).contains("ConfigMap", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
                "PodDisruptionBudget");
        Map<String, Object> container = container(WEB);
        assertThat(container.get("image")).isEqualTo("soleus/web:" + imageTag());
        assertThat(first(list(container, "ports")).get("containerPort")).isEqualTo(webPort());
        Map<String, String> settings = strings(map(document("ConfigMap", WEB), "data"));
        Set<String> names = new HashSet<>(settings.keySet());
        list(container, "env").forEach(entry -> names.add((String) entry.get("name")));
        assertThat(names).as("the front end sets only what it reads").isSubsetOf(placeholders(WEB))
                .containsAll(WEB_REQUIRED);
        for (String service : SERVICES) {
            String url = settings.get("SOLEUS_" + service.replace("-service", "").toUpperCase() + "_URL");
            assertThat(url).isEqualTo("http://" + service);
            assertThat(first(list(map(document("Service", service), "spec"), "ports")).get("port")).isEqualTo(80);
        }
        assertThat(probe(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        Matcher jdbc = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z_]+)").matcher(settings.get("SOLEUS_DB_URL"));
        assertThat(jdbc.matches()).isTrue();
        assertThat(map(map(map(document("Cluster", jdbc.group(1)), "spec"), "bootstrap"), "initdb").get("database"))
                .isEqualTo(jdbc.group(2));
        Map<String, Object> backend = map(map(first(list(map(first(list(map(document("Ingress", WEB), "spec"), "rules")),
                "http"), "paths")), "backend"), "service");
        assertThat(backend.get("name")).isEqualTo(WEB);
        assertThat(map(backend, "port").get("name")).isEqualTo("http");
    }

    @Test
    void compose_runs_the_web_front_end_against_the_services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("deploy/compose.yaml")));
        Map<String, Object> services = map(compose, "services");
        Map<String, Object> web = map(services, WEB);
        assertThat(web.get("image")).isEqualTo("soleus/web:" + imageTag());
        assertThat(map(map(web, "build"), "args").get("SERVICE")).isEqualTo(WEB);
        Map<String, String> environment = strings(map(web, "environment"));
        assertThat(environment.keySet()).isSubsetOf(placeholders(WEB)).containsAll(WEB_REQUIRED);
        for (String service : SERVICES) {
            String port = strings(map(map(services, service), "environment")).get("SOLEUS_HTTP_PORT");
            assertThat(environment.get("SOLEUS_" + service.replace("-service", "").toUpperCase() + "_URL"))
                    .isEqualTo("http://" + service + ":" + port);
        }
        assertThat(Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql"))).contains("CREATE DATABASE soleus_web;");
        assertThat(Files.readString(ROOT.resolve("web/pom.xml"))).contains("<classifier>exec</classifier>");
    }

    @Test
    void the_image_is_built_from_the_runnable_jar_every_service_makes() throws IOException {
        assertThat(Files.readString(ROOT.resolve("deploy/docker/Dockerfile")))
                .contains("COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar");
        for (String name : SERVICES) {
            assertThat(Files.readString(ROOT.resolve(name + "/pom.xml"))).contains("<classifier>exec</classifier>");
        }
    }

    // ---- reading the files

    private static ServiceConfig serviceConfig(String name) {
        try {
            String text = Files.readString(ROOT.resolve(name + "/src/main/resources/application.yml"));
            Map<String, Object> yaml = new Yaml().load(text);
            Set<String> environment = new HashSet<>();
            // what a service reads: its own settings and those it inherits from the platform's defaults
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(text + Files.readString(
                    ROOT.resolve("platform/src/main/resources/soleus-platform-defaults.properties")));
            while (placeholder.find()) {
                environment.add(placeholder.group(1));
            }
            Matcher port = Pattern.compile("\\$\\{SOLEUS_HTTP_PORT:(\\d+)}").matcher(String.valueOf(map(yaml, "server")
                    .get("port")));
            assertThat(port.matches()).as(name + " reads its port from SOLEUS_HTTP_PORT").isTrue();
            Map<String, Object> kafka = map(map(yaml, "soleus"), "kafka");
            Set<String> topics = new HashSet<>();
            int mostSegments = 1;
            if (kafka.get("publisher") != null) {
                topics.add((String) map(kafka, "publisher").get("topic"));
            }
            if (kafka.get("consumers") != null) {
                for (Object consumer : map(kafka, "consumers").values()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> settings = (Map<String, Object>) consumer;
                    for (String topic : String.valueOf(settings.get("topics")).split(",")) {
                        topics.add(topic.strip());
                    }
                    mostSegments = Math.max(mostSegments, (Integer) settings.getOrDefault("segments", 4));
                }
            }
            return new ServiceConfig(name, Integer.parseInt(port.group(1)), environment, topics, mostSegments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variables a module's application.yml reads. */
    private static Set<String> placeholders(String module) {
        try {
            Set<String> environment = new HashSet<>();
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]")
                    .matcher(Files.readString(ROOT.resolve(module + "/src/main/resources/application.yml")));
            while (placeholder.find()) {
                environment.add(placeholder.group(1));
            }
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int webPort() {
        try {
            Matcher port = Pattern.compile("\\$\\{SOLEUS_HTTP_PORT:(\\d+)}")
                    .matcher(Files.readString(ROOT.resolve("web/src/main/resources/application.yml")));
            assertThat(port.find()).isTrue();
            return Integer.parseInt(port.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> kubernetesDocuments() {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path file : manifests(files)) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> manifest = (Map<String, Object>) document;
                        documents.add(manifest);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static List<Path> manifests(Stream<Path> files) {
        return files.filter(path -> path.toString().endsWith(".yaml"))
                .filter(path -> !path.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
    }

    /** The image tag: the project's version without -SNAPSHOT. */
    private static String imageTag() {
        try {
            Matcher version = Pattern.compile("<artifactId>soleus</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(ROOT.resolve("pom.xml")));
            assertThat(version.find()).isTrue();
            return version.group(1).replace("-SNAPSHOT", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> kinds(String name) {
        Set<String> kinds = new HashSet<>();
        k8s.stream().filter(doc -> name.equals(map(doc, "metadata").get("name")))
                .forEach(doc -> kinds.add((String) doc.get("kind")));
        return kinds;
    }

    private Map<String, Object> document(String kind, String name) {
        return k8s.stream().filter(doc -> kind.equals(doc.get("kind")) && name.equals(map(doc, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private Map<String, Object> container(String name) {
        List<Map<String, Object>> containers = list(map(map(map(document("Deployment", name), "spec"), "template"),
                "spec"), "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String probe(Map<String, Object> container, String probe) {
        Map<String, Object> get = map(map(container, probe), "httpGet");
        assertThat(get.get("port")).isEqualTo("http");
        return (String) get.get("path");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> first(List<Map<String, Object>> list) {
        assertThat(list).isNotEmpty();
        return list.get(0);
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, value) -> strings.put(key, value instanceof List<?> items
                ? String.join(" ", items.stream().map(String::valueOf).toList()) : String.valueOf(value)));
        return strings;
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }
}
