package io.soleus.kernel.booking;

import java.time.Duration;

import io.soleus.kernel.Checked;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClinicId;

/**
 * A clinic opened: what clients are told about it (name, address), the time zone its times are read
 * in, and how long before a session a client's cancellation counts as late.
 */
@Contract(type = "io.soleus.booking.ClinicOpened", version = 1)
public record ClinicOpened(ClinicId clinicId, String name, String address, String timeZone,
                           Duration lateCancellationWindow) implements Checked {
    @Override
    public void check() {
        Require.present("clinicId", clinicId);
        Require.text("name", name, 200);
        Require.text("address", address, 500);
        Require.zone("timeZone", timeZone);
        Require.present("lateCancellationWindow", lateCancellationWindow);
        if (lateCancellationWindow.isNegative()) {
            throw new InvalidValueException("lateCancellationWindow", "lateCancellationWindow cannot be negative");
        }
    }
}
