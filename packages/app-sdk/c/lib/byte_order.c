/* Network byte order for the request and response packets (wasm32 is little-endian). */
#include "bh_platform.h"

uint32 htonl(uint32 value) { return __builtin_bswap32(value); }

uint32 ntohl(uint32 value) { return __builtin_bswap32(value); }

uint16 htons(uint16 value) { return __builtin_bswap16(value); }

uint16 ntohs(uint16 value) { return __builtin_bswap16(value); }
