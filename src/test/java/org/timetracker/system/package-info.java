/**
 * System tests: the images and the production stack on a real Docker engine, reached through nginx
 * on loopback ports, and the static checks of scripts, compose files and nginx.
 */
package org.timetracker.system;
