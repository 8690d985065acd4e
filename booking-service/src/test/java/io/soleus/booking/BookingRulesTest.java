package io.soleus.booking;

import static io.soleus.booking.Practice.ADMIN;
import static io.soleus.booking.Practice.NOW;
import static io.soleus.booking.Practice.clientUser;
import static io.soleus.booking.Practice.monday;
import static io.soleus.booking.Practice.therapistUser;
import static io.soleus.booking.Practice.weekdays;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.soleus.booking.client.ClientCommands.ChangeClientContact;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.booking.clinic.ClinicCommands.AddRoom;
import io.soleus.booking.clinic.ClinicCommands.ChangeOpeningHours;
import io.soleus.booking.clinic.ClinicCommands.CloseClinic;
import io.soleus.booking.clinic.ClinicCommands.CloseRoom;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.clinic.ClinicEvents.ClinicLaidOut;
import io.soleus.booking.session.SessionBooking;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.session.SessionCommands.CancelSession;
import io.soleus.booking.session.SessionCommands.MarkAttended;
import io.soleus.booking.session.SessionCommands.MarkMissed;
import io.soleus.booking.session.SessionCommands.RescheduleSession;
import io.soleus.booking.session.SessionDetails;
import io.soleus.booking.sessiontype.SessionTypeCommands.ChangeSessionTypeTherapists;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.therapist.TherapistCommands.AddAvailabilityException;
import io.soleus.booking.therapist.TherapistCommands.ExceptionKind;
import io.soleus.booking.therapist.TherapistCommands.LeaveClinic;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every booking rule, each told as given commands, one more command, and what it stored or why not. */
class BookingRulesTest {

    final Practice practice = new Practice();
    final BookingScenario scenario = new BookingScenario(NOW);

    @AfterEach
    void stop() {
        scenario.close();
    }

    BookingScenario givenThePractice() {
        return scenario.given(practice.setUp());
    }

    /** Given the practice, the runner booked with Maya at Riverside on Monday at {@code time}. */
    SessionDetails runnerBookedWithMayaAtRiverside(String time) {
        return givenThePractice().givenResult(practice.book(practice.runner, practice.maya, practice.riverside, monday(time)));
    }

    @Nested
    class Clinics {

        @Test
        void a_clinic_opens_with_its_hours_rooms_and_a_24_hour_late_cancellation_window_by_default() {
            List<Object> events = scenario.when(practice.openRiverside()).published();

            assertThat(events).hasSize(2);
            ClinicOpened opened = (ClinicOpened) events.get(0);
            ClinicLaidOut laidOut = (ClinicLaidOut) events.get(1);

            assertThat(laidOut.rooms()).extracting(Room::name).containsExactly("Treatment room 1", "Treatment room 2");
            assertThat(opened.timeZone()).isEqualTo("Europe/London");
            assertThat(opened.lateCancellationWindow()).isEqualTo(Duration.ofHours(24));
        }

        @Test
        void two_rooms_of_a_clinic_cannot_share_a_name() {
            scenario.given(practice.openRiverside())
                    .when(new AddRoom(practice.riverside, RoomId.random(), "Treatment room 1"))
                    .refusedBy("room-names-unique");
        }

        @Test
        void a_clinic_needs_at_least_one_room() {
            scenario.when(new OpenClinic(ClinicId.random(), "Empty", "Nowhere", Practice.LONDON, weekdays("08:00", "20:00"),
                    List.of(), null)).refusedWith(InvalidValueException.class, "rooms");
        }

        @Test
        void a_closed_clinic_takes_no_new_bookings() {
            givenThePractice().given(new CloseClinic(practice.riverside))
                    .when(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .refusedBy("clinic-closed");
        }

        @Test
        void a_closed_clinic_keeps_its_booked_sessions_until_they_are_cancelled() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.given(new CloseClinic(practice.riverside));

            scenario.when(new CancelSession(session.sessionId(), "Clinic closed", ADMIN)).only(SessionCancelled.class);
        }

        @Test
        void a_closed_room_takes_no_new_sessions() {
            givenThePractice().given(new CloseRoom(practice.riverside, practice.treatmentRoom1));

            SessionBooked booked = scenario.when(practice.book(practice.runner, practice.maya, practice.riverside,
                    monday("10:00"))).only(SessionBooked.class);

            assertThat(booked.roomId()).isEqualTo(practice.treatmentRoom2);
        }

        @Test
        void a_session_must_lie_inside_the_clinics_opening_hours() {
            givenThePractice().given(new ChangeOpeningHours(practice.riverside, weekdays("08:00", "10:30")))
                    .when(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .refusedBy("outside-opening-hours");
        }

        @Test
        void new_opening_hours_leave_booked_sessions_in_place() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("15:00");
            scenario.given(new ChangeOpeningHours(practice.riverside, weekdays("08:00", "12:00")));

            scenario.when(new RescheduleSession(session.sessionId(), monday("11:00"), ADMIN)).only(SessionRescheduled.class);
        }
    }

    @Nested
    class Therapists {

        @Test
        void a_therapist_cannot_be_registered_at_an_unknown_clinic() {
            scenario.when(new RegisterTherapist(TherapistId.random(), "Nobody", Set.of(ClinicId.random())))
                    .refusedWith(NotFoundException.class, "No clinic");
        }

        @Test
        void weekly_availability_is_set_only_at_a_clinic_the_therapist_works_at() {
            givenThePractice().when(new SetWeeklyAvailability(practice.tom, practice.hillside, weekdays("09:00", "12:00")))
                    .refusedBy("therapist-not-at-clinic");
        }

        @Test
        void a_session_must_lie_inside_the_therapists_availability_at_that_clinic() {
            givenThePractice().when(practice.book(practice.runner, practice.maya, practice.riverside, monday("16:30")))
                    .refusedBy("therapist-unavailable");
        }

        @Test
        void time_off_blocks_bookings() {
            givenThePractice().given(new AddAvailabilityException(practice.maya, UUID.randomUUID(), ExceptionKind.TIME_OFF,
                            null, monday("00:00"), monday("23:59")))
                    .when(practice.book(practice.runner, practice.maya, practice.hillside, monday("10:00")))
                    .refusedBy("therapist-unavailable");
        }

        @Test
        void an_exception_lies_between_a_year_ago_and_two_years_ahead() {
            givenThePractice().when(new AddAvailabilityException(practice.maya, UUID.randomUUID(), ExceptionKind.TIME_OFF,
                            null, Instant.parse("+300000-01-01T00:00:00Z"), Instant.parse("+300000-01-02T00:00:00Z")))
                    .refusedWith(InvalidValueException.class, "a year ago");
        }

        @Test
        void extra_hours_allow_bookings_outside_the_weekly_hours() {
            givenThePractice().given(new AddAvailabilityException(practice.maya, UUID.randomUUID(),
                    ExceptionKind.EXTRA_HOURS, practice.riverside, monday("17:00"), monday("19:00")));

            scenario.when(practice.book(practice.runner, practice.maya, practice.riverside, monday("17:30")))
                    .only(SessionBooked.class);
        }

        @Test
        void a_therapist_who_left_a_clinic_cannot_be_booked_there() {
            givenThePractice().given(new LeaveClinic(practice.maya, practice.hillside))
                    .when(practice.book(practice.runner, practice.maya, practice.hillside, monday("10:00")))
                    .refusedBy("therapist-not-at-clinic");
        }

        @Test
        void only_the_session_types_therapists_can_be_booked_for_it() {
            givenThePractice().given(new ChangeSessionTypeTherapists(practice.initialAssessment, Set.of(practice.tom)))
                    .when(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .refusedBy("session-type-not-offered");
        }

        @Test
        void a_session_type_lasts_ten_minutes_to_eight_hours_in_five_minute_steps() {
            scenario.when(new DefineSessionType(SessionTypeId.random(), "Odd", Duration.ofMinutes(47), Duration.ZERO,
                    Set.of())).refusedWith(InvalidValueException.class, "duration");
        }
    }

    @Nested
    class Booking {

        @Test
        void a_booking_is_given_the_first_free_room_in_the_therapists_turn() {
            SessionBooked booked = givenThePractice()
                    .when(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .only(SessionBooked.class);

            assertThat(booked.roomId()).isEqualTo(mayasFirstRoom());
            assertThat(booked.slot().duration()).isEqualTo(Duration.ofMinutes(60));
            assertThat(booked.sessionTypeName()).isEqualTo("Initial assessment");
            assertThat(booked.clinicTimeZone()).isEqualTo("Europe/London");
        }

        @Test
        void a_therapist_cannot_be_in_two_sessions_at_once() {
            givenThePractice().given(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.cyclist, practice.maya, practice.riverside, monday("10:30")))
                    .refusedBy("therapist-double-booked");
        }

        @Test
        void the_buffer_after_a_session_keeps_the_therapist_busy() {
            givenThePractice().given(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.cyclist, practice.maya, practice.riverside, monday("11:00")))
                    .refusedBy("therapist-double-booked");
        }

        @Test
        void the_next_session_may_start_when_the_buffer_ends() {
            givenThePractice().given(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.cyclist, practice.maya, practice.riverside, monday("11:15")))
                    .only(SessionBooked.class);
        }

        @Test
        void a_therapist_cannot_be_in_two_clinics_at_once() {
            givenThePractice().given(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.cyclist, practice.maya, practice.hillside, monday("10:30")))
                    .refusedBy("therapist-double-booked");
        }

        @Test
        void a_room_holds_one_session_at_a_time() {
            givenThePractice().given(new CloseRoom(practice.riverside, practice.treatmentRoom2),
                            practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.cyclist, practice.tom, practice.riverside, monday("10:30")))
                    .refusedBy("room-taken");
        }

        @Test
        void a_second_therapist_at_the_same_time_gets_the_other_room() {
            SessionBooked booked = givenThePractice()
                    .given(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.cyclist, practice.tom, practice.riverside, monday("10:00")))
                    .only(SessionBooked.class);

            assertThat(booked.roomId()).isIn(practice.treatmentRoom1, practice.treatmentRoom2).isNotEqualTo(mayasFirstRoom());
        }

        @Test
        void each_therapist_tries_every_open_room_once_from_a_place_of_their_own() {
            List<RoomId> rooms = List.of(RoomId.random(), RoomId.random(), RoomId.random(), RoomId.random(), RoomId.random());
            Set<RoomId> firstRooms = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                TherapistId therapist = TherapistId.random();
                List<RoomId> inTurn = SessionBooking.roomsInTurn(rooms, therapist);
                assertThat(inTurn).containsExactlyInAnyOrderElementsOf(rooms);
                assertThat(SessionBooking.roomsInTurn(rooms, therapist)).as("the same turn every time").isEqualTo(inTurn);
                int first = rooms.indexOf(inTurn.get(0));
                assertThat(inTurn).as("in the clinic's order from there, wrapping")
                        .isEqualTo(IntStream.range(0, rooms.size())
                                .mapToObj(k -> rooms.get((first + k) % rooms.size())).toList());
                firstRooms.add(inTurn.get(0));
            }
            assertThat(firstRooms).as("a clinic's therapists start in different rooms").hasSize(rooms.size());
        }

        private RoomId mayasFirstRoom() {
            return SessionBooking.roomsInTurn(List.of(practice.treatmentRoom1, practice.treatmentRoom2), practice.maya).get(0);
        }

        @Test
        void a_client_cannot_be_in_two_sessions_at_once() {
            givenThePractice().given(practice.book(practice.runner, practice.maya, practice.riverside, monday("10:00")))
                    .when(practice.book(practice.runner, practice.tom, practice.riverside, monday("10:30")))
                    .refusedBy("client-double-booked");
        }

        @Test
        void no_booking_in_the_past() {
            givenThePractice().when(practice.book(practice.runner, practice.maya, practice.riverside,
                    Practice.on(NOW.atZone(Practice.LONDON).toLocalDate(), "08:00")))
                    .refusedBy("in-the-past");
        }

        @Test
        void no_booking_beyond_the_booking_horizon() {
            givenThePractice().when(practice.book(practice.runner, practice.maya, practice.riverside,
                    Practice.on(Practice.MONDAY.plusWeeks(30), "10:00")))
                    .refusedBy("beyond-booking-horizon");
        }

        @Test
        void an_absurd_start_is_beyond_the_horizon() {
            givenThePractice().when(practice.book(practice.runner, practice.maya, practice.riverside,
                    Instant.parse("+1000000000-12-31T23:30:00Z"))).refusedBy("beyond-booking-horizon");
        }

        @Test
        void a_client_books_only_for_themself() {
            givenThePractice().when(new BookSession(SessionId.random(), practice.cyclist, practice.maya,
                            practice.riverside, practice.initialAssessment, monday("10:00"), clientUser(practice.runner)))
                    .refusedWith(NotFoundException.class, "No client");
        }

        @Test
        void a_therapist_books_only_at_their_own_clinics() {
            givenThePractice().when(new BookSession(SessionId.random(), practice.runner, practice.maya,
                            practice.hillside, practice.initialAssessment, monday("10:00"),
                            therapistUser(practice.tom, practice.riverside)))
                    .refusedWith(NotFoundException.class, "No clinic");
        }

        @Test
        void an_unknown_client_cannot_be_booked() {
            givenThePractice().when(practice.book(ClientId.random(), practice.maya, practice.riverside, monday("10:00")))
                    .refusedWith(NotFoundException.class, "No client");
        }
    }

    @Nested
    class Changes {

        @Test
        void a_rescheduled_session_frees_its_old_time() {
            SessionDetails first = runnerBookedWithMayaAtRiverside("10:00");
            scenario.given(new RescheduleSession(first.sessionId(), monday("14:00"), clientUser(practice.runner)));

            scenario.when(practice.book(practice.cyclist, practice.maya, practice.riverside, monday("10:00")))
                    .only(SessionBooked.class);
        }

        @Test
        void a_reschedule_may_overlap_the_sessions_own_old_time() {
            SessionDetails first = runnerBookedWithMayaAtRiverside("10:00");

            SessionRescheduled moved = scenario.when(new RescheduleSession(first.sessionId(), monday("10:30"), ADMIN))
                    .only(SessionRescheduled.class);

            assertThat(moved.previousSlot().start()).isEqualTo(monday("10:00"));
            assertThat(moved.slot().start()).isEqualTo(monday("10:30"));
            assertThat(moved.roomId()).as("the session keeps its room").isEqualTo(first.roomId());
        }

        @Test
        void a_reschedule_into_a_taken_slot_is_refused() {
            SessionDetails first = runnerBookedWithMayaAtRiverside("10:00");
            scenario.given(practice.book(practice.cyclist, practice.maya, practice.riverside, monday("14:00")));

            scenario.when(new RescheduleSession(first.sessionId(), monday("14:30"), ADMIN)).refusedBy("therapist-double-booked");
        }

        @Test
        void a_cancellation_well_ahead_is_not_late() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");

            SessionCancelled cancelled = scenario.when(new CancelSession(session.sessionId(), "Work trip",
                    clientUser(practice.runner))).only(SessionCancelled.class);

            assertThat(cancelled.late()).isFalse();
            assertThat(cancelled.cancelledBy()).isEqualTo(CancelledBy.CLIENT);
        }

        @Test
        void a_cancellation_inside_the_clinics_window_is_late() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:00").minus(Duration.ofHours(23)));

            assertThat(scenario.when(new CancelSession(session.sessionId(), "Feeling ill", clientUser(practice.runner)))
                    .only(SessionCancelled.class).late()).isTrue();
        }

        @Test
        void the_late_window_is_the_clinics_own() {
            SessionDetails session = givenThePractice().givenResult(
                    practice.book(practice.runner, practice.maya, practice.hillside, monday("10:00")));
            scenario.clock.set(monday("10:00").minus(Duration.ofHours(30))); // Hillside's window is 48 hours

            SessionCancelled cancelled = scenario.when(new CancelSession(session.sessionId(), "Clinic staff ill", ADMIN))
                    .only(SessionCancelled.class);

            assertThat(cancelled.late()).isTrue();
            assertThat(cancelled.cancelledBy()).isEqualTo(CancelledBy.CLINIC);
        }

        @Test
        void inside_the_late_window_a_client_cannot_move_a_session_but_the_clinic_can() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:00").minus(Duration.ofHours(20)));

            scenario.when(new RescheduleSession(session.sessionId(), monday("14:00"), clientUser(practice.runner)))
                    .refusedBy("inside-late-window");
            scenario.when(new RescheduleSession(session.sessionId(), monday("14:00"), ADMIN)).only(SessionRescheduled.class);
        }

        @Test
        void a_cancelled_session_frees_its_time() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.given(new CancelSession(session.sessionId(), "Work trip", ADMIN));

            scenario.when(practice.book(practice.cyclist, practice.maya, practice.riverside, monday("10:00")))
                    .only(SessionBooked.class);
        }

        @Test
        void a_cancelled_session_cannot_be_rescheduled() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.given(new CancelSession(session.sessionId(), "Work trip", ADMIN));

            scenario.when(new RescheduleSession(session.sessionId(), monday("12:00"), ADMIN)).refusedBy("session-cancelled");
        }

        @Test
        void a_client_cannot_cancel_someone_elses_session() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");

            scenario.when(new CancelSession(session.sessionId(), "Mischief", clientUser(practice.cyclist)))
                    .refusedWith(NotFoundException.class, "No session");
        }
    }

    @Nested
    class Attendance {

        @Test
        void a_session_is_marked_attended_once_it_has_started() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:05"));

            scenario.when(new MarkAttended(session.sessionId(), therapistUser(practice.maya, practice.riverside)))
                    .only(SessionAttended.class);
        }

        @Test
        void a_session_cannot_be_marked_attended_before_it_starts() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");

            scenario.when(new MarkAttended(session.sessionId(), ADMIN)).refusedBy("session-not-started");
        }

        @Test
        void a_no_show_is_recorded_as_missed() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:20"));

            scenario.when(new MarkMissed(session.sessionId(), ADMIN)).only(SessionMissed.class);
        }

        @Test
        void an_attended_session_cannot_be_cancelled() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:05"));
            scenario.given(new MarkAttended(session.sessionId(), ADMIN));
            scenario.clock.set(monday("09:00").minus(Duration.ofDays(1)));

            scenario.when(new CancelSession(session.sessionId(), "Changed my mind", ADMIN)).refusedBy("session-attended");
        }

        @Test
        void a_missed_session_cannot_then_be_attended() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:30"));
            scenario.given(new MarkMissed(session.sessionId(), ADMIN));

            scenario.when(new MarkAttended(session.sessionId(), ADMIN)).refusedBy("session-missed");
        }

        @Test
        void a_therapist_of_another_clinic_cannot_mark_attendance() {
            SessionDetails session = runnerBookedWithMayaAtRiverside("10:00");
            scenario.clock.set(monday("10:05"));

            scenario.when(new MarkAttended(session.sessionId(), therapistUser(practice.maya, practice.hillside)))
                    .refusedWith(NotFoundException.class, "No session");
        }
    }

    @Nested
    class Clients {

        @Test
        void a_registered_client_is_published_with_their_contact_details() {
            ClientId client = ClientId.random();
            ClientRegistered registered = scenario.when(new RegisterClient(client, "Riley Runner", "riley@example.org",
                    null, null, true, null)).only(ClientRegistered.class);

            assertThat(registered.preferredChannel()).isEqualTo(Channel.EMAIL);
            assertThat(registered.language()).isEqualTo("en");
            assertThat(registered.registeredAt()).isEqualTo(NOW);
        }

        @Test
        void sms_as_the_preferred_channel_needs_a_phone_number() {
            scenario.when(new RegisterClient(ClientId.random(), "Riley Runner", "riley@example.org", null, Channel.SMS,
                    true, "en")).refusedWith(InvalidValueException.class, "phone");
        }

        @Test
        void a_client_needs_a_valid_email_address() {
            scenario.when(new RegisterClient(ClientId.random(), "Riley Runner", "not-an-address", null, Channel.EMAIL,
                    true, "en")).refusedWith(InvalidValueException.class, "email");
        }

        @Test
        void changed_contact_details_are_published() {
            scenario.given(practice.setUp());

            ClientContactChanged changed = scenario.when(new ChangeClientContact(practice.runner, "Riley Runner",
                    "riley.new@example.org", "+44 7700 900123", Channel.SMS, true, "en")).only(ClientContactChanged.class);

            assertThat(changed.email()).isEqualTo("riley.new@example.org");
            assertThat(changed.preferredChannel()).isEqualTo(Channel.SMS);
        }
    }
}
