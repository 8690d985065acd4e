package io.soleus.kernel.codec;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SeriesBooked;
import io.soleus.kernel.booking.SeriesCancelled;
import io.soleus.kernel.booking.SeriesRescheduled;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.booking.SlotOffered;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.ConsentGiven;
import io.soleus.kernel.treatment.ConsentWithdrawn;
import io.soleus.kernel.treatment.IntakeSubmitted;
import io.soleus.kernel.treatment.IntakeQuestionnaireAnswered;
import io.soleus.kernel.treatment.IntakeQuestionnairesAdopted;
import io.soleus.kernel.treatment.RedFlagCleared;
import io.soleus.kernel.treatment.RedFlagRaised;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.ExerciseAdded;
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.OutcomeMeasured;
import io.soleus.kernel.treatment.QuestionnairesRequested;
import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.TriggerPointTreated;

/**
 * Reads and writes published events as JSON. Writes always produce the current version of a
 * contract; reads accept every version, upcasting older JSON step by step before binding it. Unknown
 * JSON properties are ignored, so a new optional field never breaks an older reader.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new UtcInstants())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final EventCodec STANDARD = withStandardContracts().build();

    private final Map<Class<?>, ContractType> byClass;
    private final Map<String, ContractType> byName;
    /** Key: type name + "@" + from-version. */
    private final Map<String, Upcaster> upcasters;
    /** Per contract, the accessors of the components a record must have: found once, not per record read. */
    private final Map<Class<?>, List<Method>> required;
    /** Seals and opens the {@link Personal} values; none: they are written and read in clear. */
    private final PersonalData personal;

    private EventCodec(EventCodec codec, PersonalData personal) {
        this.byClass = codec.byClass;
        this.byName = codec.byName;
        this.upcasters = codec.upcasters;
        this.required = codec.required;
        this.personal = personal;
    }

    private EventCodec(Map<Class<?>, ContractType> byClass, Map<String, Upcaster> upcasters) {
        this.personal = null;
        this.byClass = Map.copyOf(byClass);
        Map<String, ContractType> names = new LinkedHashMap<>();
        byClass.values().forEach(type -> names.put(type.name(), type));
        this.byName = Collections.unmodifiableMap(names);
        this.upcasters = Map.copyOf(upcasters);
        Map<Class<?>, List<Method>> accessors = new HashMap<>();
        for (Class<?> contract : byClass.keySet()) {
            List<Method> present = new ArrayList<>();
            for (RecordComponent component : contract.getRecordComponents()) {
                if (!component.isAnnotationPresent(Omittable.class)) {
                    Method accessor = component.getAccessor();
                    accessor.trySetAccessible();
                    present.add(accessor);
                }
            }
            accessors.put(contract, List.copyOf(present));
        }
        this.required = Map.copyOf(accessors);
    }

    /** Every contract of the platform with its upcasters. */
    public static EventCodec standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every contract of the platform, to add more to (e.g. a test's own). */
    public static Builder withStandardContracts() {
        return builder()
                .register(ClinicOpened.class, Topics.BOOKING)
                .register(ClientRegistered.class, Topics.BOOKING)
                .register(ClientContactChanged.class, Topics.BOOKING)
                .register(ClientForgotten.class, Topics.BOOKING)
                .register(SessionBooked.class, Topics.BOOKING)
                .register(SessionRescheduled.class, Topics.BOOKING)
                .register(SessionCancelled.class, Topics.BOOKING)
                .register(SessionAttended.class, Topics.BOOKING)
                .register(SessionMissed.class, Topics.BOOKING)
                .register(SlotOffered.class, Topics.BOOKING)
                .register(SeriesBooked.class, Topics.BOOKING)
                .register(SeriesRescheduled.class, Topics.BOOKING)
                .register(SeriesCancelled.class, Topics.BOOKING)
                .register(ExerciseAdded.class, Topics.TREATMENT)
                .register(CaseOpened.class, Topics.TREATMENT)
                .register(AssessmentRecorded.class, Topics.TREATMENT)
                .register(TriggerPointTreated.class, Topics.TREATMENT)
                .register(MyofascialReleaseApplied.class, Topics.TREATMENT)
                .register(PlanAssigned.class, Topics.TREATMENT)
                .register(PlanProgressLogged.class, Topics.TREATMENT)
                .register(CaseDischarged.class, Topics.TREATMENT)
                .register(IntakeSubmitted.class, Topics.TREATMENT)
                .register(RedFlagRaised.class, Topics.TREATMENT)
                .register(ConsentGiven.class, Topics.TREATMENT)
                .register(ConsentWithdrawn.class, Topics.TREATMENT)
                .register(OutcomeMeasured.class, Topics.TREATMENT)
                .register(QuestionnairesRequested.class, Topics.TREATMENT)
                .register(ClinicQuestionnairesSet.class, Topics.TREATMENT)
                .register(IntakeQuestionnaireAnswered.class, Topics.TREATMENT)
                .register(IntakeQuestionnairesAdopted.class, Topics.TREATMENT)
                .register(RedFlagCleared.class, Topics.TREATMENT);
    }

    /** The same contracts, with every {@link Personal} value sealed on writing and opened on reading by {@code personal}. */
    public EventCodec sealing(PersonalData personal) {
        return new EventCodec(this, Objects.requireNonNull(personal, "personal"));
    }

    public boolean isContract(Class<?> type) {
        return byClass.containsKey(type);
    }

    public ContractType typeOf(Class<?> type) {
        ContractType contract = byClass.get(type);
        if (contract == null) {
            throw new IllegalArgumentException(type.getName() + " is not a published contract");
        }
        return contract;
    }

    public Optional<ContractType> typeNamed(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ContractType> contracts() {
        return byName.values();
    }

    public byte[] encode(Object event) {
        if (event == null) {
            throw new IllegalArgumentException("Cannot encode null: it is no published contract");
        }
        typeOf(event.getClass());
        try {
            if (personal != null && PersonalFields.any(event.getClass())) {
                ObjectNode json = MAPPER.valueToTree(event);
                PersonalFields.seal(json, event.getClass(), personal);
                return MAPPER.writeValueAsBytes(json);
            }
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + event.getClass().getName(), e);
        }
    }

    public Object decode(String typeName, int version, byte[] json) {
        ContractType type = typeNamed(typeName)
                .orElseThrow(() -> new UnknownContractException("Unknown contract " + typeName));
        if (version < 1 || version > type.version()) {
            throw new UnknownContractException(typeName + " has no version " + version + " (current " + type.version() + ")");
        }
        if (json == null) {
            throw new ContractDecodingException(typeName + " v" + version + " has no JSON", null);
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (!(tree instanceof ObjectNode node)) {
                throw new ContractDecodingException(typeName + " JSON is not an object", null);
            }
            ObjectNode current = upcast(type, version, node);
            if (personal != null) {
                PersonalFields.open(current, type.javaType(), personal);
            }
            return complete(type, MAPPER.treeToValue(current, type.javaType()));
        } catch (IOException e) {
            InvalidValueException invalid = causeOf(e);
            if (invalid != null) {
                throw invalid;
            }
            throw new ContractDecodingException("Not a valid " + typeName + " v" + version, e);
        }
    }

    /**
     * The JSON of version {@code version} of a contract brought to its current version by the
     * upcasters, step by step: the same chain serves records from Kafka and events from a store.
     */
    public ObjectNode upcast(String typeName, int version, ObjectNode json) {
        ContractType type = typeNamed(typeName)
                .orElseThrow(() -> new UnknownContractException("Unknown contract " + typeName));
        if (version < 1 || version > type.version()) {
            throw new UnknownContractException(typeName + " has no version " + version + " (current " + type.version() + ")");
        }
        return upcast(type, version, json);
    }

    private ObjectNode upcast(ContractType type, int version, ObjectNode json) {
        ObjectNode node = json;
        for (int from = version; from < type.version(); from++) {
            Upcaster upcaster = upcasters.get(type.name() + "@" + from);
            if (upcaster == null) {
                continue; // the next version only adds omittable fields: the JSON reads as it is
            }
            node = upcaster.upcast(node);
            if (node == null) {
                throw new ContractDecodingException("The upcaster of " + type.name() + " from v" + from + " gave no JSON", null);
            }
        }
        return node;
    }

    /**
     * The record, if every component that is not {@link Omittable} is there. Only the shape is
     * checked: a contract's rules are checked when it is written, never when it is read.
     */
    private Object complete(ContractType type, Object event) {
        for (Method accessor : required.get(type.javaType())) {
            Object value;
            try {
                value = accessor.invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + accessor.getName() + " of " + type.name(), e);
            }
            if (value == null) {
                throw new ContractDecodingException(type.name() + " has no " + accessor.getName(), null);
            }
        }
        return event;
    }

    /** A copy of the JSON settings of the contracts, for anyone writing the same JSON. */
    public ObjectMapper mapper() {
        return MAPPER.copy();
    }

    private static InvalidValueException causeOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidValueException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** Collects contracts and upcasters and checks that every old version can reach the current one. */
    public static final class Builder {
        private final Map<Class<?>, ContractType> contracts = new LinkedHashMap<>();
        private final Map<String, Upcaster> upcasters = new HashMap<>();

        private Builder() {
        }

        public Builder register(Class<?> contract, String topic) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("Contract " + contract.getName() + " needs a topic");
            }
            if (contracts.containsKey(contract)) {
                throw new IllegalArgumentException(contract.getName() + " registered twice");
            }
            Contract annotation = contract.getAnnotation(Contract.class);
            if (annotation == null) {
                throw new IllegalArgumentException(contract.getName() + " has no @Contract");
            }
            if (annotation.version() < 1) {
                throw new IllegalArgumentException(contract.getName() + " needs a version of at least 1");
            }
            boolean taken = contracts.values().stream().anyMatch(type -> type.name().equals(annotation.type()));
            if (taken) {
                throw new IllegalArgumentException("Contract type " + annotation.type() + " registered twice");
            }
            int readableAs = annotation.readableAs() == 0 ? annotation.version() : annotation.readableAs();
            if (readableAs < 1 || readableAs > annotation.version()) {
                throw new IllegalArgumentException(contract.getName() + " v" + annotation.version()
                        + " cannot be readable as v" + annotation.readableAs());
            }
            if (!contract.isRecord()) {
                throw new IllegalArgumentException(contract.getName() + " is not a record");
            }
            contracts.put(contract, new ContractType(annotation.type(), annotation.version(), readableAs, topic, contract));
            return this;
        }

        public Builder upcaster(Upcaster upcaster) {
            String key = upcaster.type() + "@" + upcaster.fromVersion();
            if (upcasters.putIfAbsent(key, upcaster) != null) {
                throw new IllegalArgumentException("Two upcasters from " + key);
            }
            return this;
        }

        public EventCodec build() {
            for (ContractType type : contracts.values()) {
                for (int from = 1; from < type.version(); from++) {
                    if (from < type.readableAs() && !upcasters.containsKey(type.name() + "@" + from)) {
                        throw new IllegalStateException(type.name() + " v" + type.version()
                                + " cannot read v" + from + ": no upcaster from v" + from);
                    }
                }
            }
            upcasters.values().forEach(upcaster -> {
                ContractType type = contracts.values().stream()
                        .filter(contract -> contract.name().equals(upcaster.type())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Upcaster for unknown contract " + upcaster.type()));
                if (upcaster.fromVersion() < 1 || upcaster.fromVersion() >= type.version()) {
                    throw new IllegalStateException("Upcaster of " + type.name() + " from v" + upcaster.fromVersion()
                            + " is never used: the current version is v" + type.version());
                }
            });
            return new EventCodec(contracts, upcasters);
        }
    }
}
