/* Ports: is one free, who owns it, pick a free one from a range. TCP, IPv4 and IPv6.
 * WSAStartup must have been called. */
#ifndef SVCFORGE_PORTS_H
#define SVCFORGE_PORTS_H

#include <stdbool.h>
#include <stdint.h>

/* Free = an exclusive bind to 0.0.0.0:port succeeds (and to [::]:port when IPv6 exists). */
bool ports_is_free(uint32_t port);
/* PID of the process listening on port per GetExtendedTcpTable; 0 = unknown. */
uint32_t ports_owner_pid(uint32_t port);
/* First free port in [low, high]; 0 when none is free. */
uint32_t ports_pick(uint32_t low, uint32_t high);

#endif
