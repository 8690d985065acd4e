package io.soleus.platform.bridge;

/** Plays a process dying at a chosen point: everything not yet committed is lost. */
class SimulatedCrash extends RuntimeException {

    SimulatedCrash(String message) {
        super(message);
    }
}
