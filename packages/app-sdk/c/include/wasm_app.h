/*
 * microwasm app SDK: the header every WAMR app includes first. It brings in the request and
 * response structures, attr_container and the libc-builtin declarations.
 */
#ifndef MICROWASM_APP_WASM_APP_H
#define MICROWASM_APP_WASM_APP_H

#include "bi-inc/shared_utils.h"
#include "bi-inc/attr_container.h"

#endif
