package org.memsweep.jobs;

/** Entry point of the command line (placeholder while the engine lands). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("memsweep");
    }
}
