package io.soleus.platform.devclock;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Reads and sets the development clock; admins only, and only where the clock is switched on. */
@RestController
public class DevClockController {

    private final DevClock clock;

    public DevClockController(DevClock clock) {
        this.clock = clock;
    }

    public record Time(@NotNull Instant now) {
    }

    @GetMapping("/dev/clock")
    public Time now() {
        return new Time(clock.instant());
    }

    @PutMapping("/dev/clock")
    public Time set(@Valid @RequestBody Time time) {
        clock.set(time.now());
        return now();
    }
}
