package org.timetracker.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API, served under /api behind the reverse proxy. */
@ApplicationPath("api")
public class TimetrackerApplication extends Application {}
