package io.soleus.web.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.services.BookingApi;

/** Clinic and therapist names by id, from booking: what the admins' pages show in place of ids. */
public record Names(Map<UUID, String> clinics, Map<UUID, String> therapists) {

    static Names of(List<BookingApi.Clinic> clinics, List<BookingApi.Therapist> therapists) {
        Map<UUID, String> clinicNames = new LinkedHashMap<>();
        clinics.forEach(clinic -> clinicNames.put(clinic.clinicId(), clinic.name()));
        Map<UUID, String> therapistNames = new LinkedHashMap<>();
        therapists.forEach(therapist -> therapistNames.put(therapist.therapistId(), therapist.name()));
        return new Names(clinicNames, therapistNames);
    }

    static Names of(BookingApi booking) {
        return of(booking.clinics(), booking.therapists());
    }
}
