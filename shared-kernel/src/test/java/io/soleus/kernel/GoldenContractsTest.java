package io.soleus.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import org.junit.jupiter.api.Test;

/**
 * The golden JSON of every contract version, kept forever: if one of these fails, a change broke
 * events that are already stored or on the wire. Make it a new version with an upcaster instead.
 */
class GoldenContractsTest {

    private static final String BROKEN = "an incompatible change to a published contract: add a new version and an upcaster";
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.json");

    private final EventCodec codec = EventCodec.standard();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_contract_has_a_golden_file_of_its_current_version() {
        for (ContractType type : codec.contracts()) {
            assertThat(golden(type.name(), type.version())).as("golden file of " + type.name()).exists();
        }
        assertThat(ContractSamples.all().keySet())
                .containsExactlyInAnyOrderElementsOf(codec.contracts().stream().map(ContractType::javaType).toList());
    }

    @Test
    void the_current_version_is_written_exactly_as_its_golden_file() throws IOException {
        for (Object sample : ContractSamples.all().values()) {
            ContractType type = codec.typeOf(sample.getClass());
            assertThat(json.readTree(codec.encode(sample)))
                    .as(type.name() + ": " + BROKEN)
                    .isEqualTo(json.readTree(golden(type.name(), type.version()).toFile()));
        }
    }

    @Test
    void every_golden_file_of_every_version_still_reads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(contracts())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(codec.contracts().size());
        for (Path file : files) {
            String typeName = file.getParent().getFileName().toString();
            Matcher version = VERSION_FILE.matcher(file.getFileName().toString());
            assertThat(version.matches()).as(file + " is named v<N>.json").isTrue();
            int v = Integer.parseInt(version.group(1));

            Object decoded;
            try {
                decoded = codec.decode(typeName, v, Files.readAllBytes(file));
            } catch (RuntimeException e) {
                throw new AssertionError(typeName + " v" + v + " no longer reads: " + BROKEN, e);
            }

            ContractType type = codec.typeNamed(typeName).orElseThrow();
            assertThat(decoded).as(typeName + " v" + v + ": " + BROKEN).isInstanceOf(type.javaType());
            if (v == type.version()) {
                assertThat(decoded).as(typeName + ": " + BROKEN).isEqualTo(ContractSamples.all().get(type.javaType()));
            }
        }
    }

    @Test
    void a_new_field_from_a_newer_producer_does_not_break_an_older_reader() throws IOException {
        ContractType booked = codec.typeNamed("io.soleus.booking.SessionBooked").orElseThrow();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(golden(booked.name(), booked.version()).toFile());
        node.put("parkingNote", "Use the car park behind the clinic");

        assertThat(codec.decode(booked.name(), booked.version(), json.writeValueAsBytes(node)))
                .isEqualTo(ContractSamples.all().get(booked.javaType()));
    }

    @Test
    void a_booking_of_version_one_reads_as_the_current_version_without_a_therapist_name_or_a_series() throws IOException {
        SessionBooked sample = (SessionBooked) ContractSamples.all().get(SessionBooked.class);

        SessionBooked old = (SessionBooked) codec.decode("io.soleus.booking.SessionBooked", 1,
                Files.readAllBytes(golden("io.soleus.booking.SessionBooked", 1)));

        assertThat(old.therapistName()).isNull();
        assertThat(old.seriesId()).isNull();
        assertThat(old).usingRecursiveComparison().ignoringFields("therapistName", "seriesId").isEqualTo(sample);
    }

    /** A consumer built before version 2: it knows the booking as version 1 only. */
    @Contract(type = "io.soleus.booking.SessionBooked", version = 1)
    record SessionBookedAsFirstWritten(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                                       RoomId roomId, SessionTypeId sessionTypeId, String sessionTypeName, TimeSlot slot,
                                       String clinicTimeZone, Instant bookedAt) {
    }

    @Test
    void a_reader_of_version_one_reads_a_version_two_booking_as_version_one() throws IOException {
        ContractType booked = codec.typeNamed("io.soleus.booking.SessionBooked").orElseThrow();
        EventCodec firstWritten = EventCodec.builder().register(SessionBookedAsFirstWritten.class, Topics.BOOKING).build();
        assertThat(booked.readableAs()).isEqualTo(1);

        Object read = firstWritten.decode(booked.name(), booked.readableAs(), codec.encode(ContractSamples.all().get(SessionBooked.class)));

        assertThat(read).isEqualTo(firstWritten.decode(booked.name(), 1, Files.readAllBytes(golden(booked.name(), 1))));
    }

    private static Path golden(String type, int version) {
        return contracts().resolve(type).resolve("v" + version + ".json");
    }

    private static Path contracts() {
        try {
            return Path.of(GoldenContractsTest.class.getResource("/contracts").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
