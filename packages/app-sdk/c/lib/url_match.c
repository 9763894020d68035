/* URL prefix rules: which resource handles a request, as WAMR's app manager routes it. */
#include "bi-inc/shared_utils.h"

int check_url_start(const char *url, int url_len, const char *leading_str) {
  int offset = 0;
  int len;

  if (*leading_str == '/')
    leading_str++;
  if (url_len > 0 && *url == '/') {
    url++;
    url_len--;
    offset = 1;
  }

  len = (int)strlen(leading_str);
  if (len > 0 && leading_str[len - 1] == '/')
    len--;
  /* An empty resource name would match everything: WAMR refuses it too. */
  if (len == 0 || url_len < len || memcmp(url, leading_str, len) != 0)
    return 0;
  if (url_len == len)
    return offset + len;
  if (url[len] != '/' && url[len] != '?')
    return 0;
  return offset + len + 1;
}

bool match_url(char *pattern, char *matched) {
  int len, matched_len;

  if (*pattern == '/')
    pattern++;
  if (*matched == '/')
    matched++;

  matched_len = (int)strlen(matched);
  if (matched_len > 0 && matched[matched_len - 1] == '/')
    matched_len--;
  if (matched_len == 0)
    return false;

  len = (int)strlen(pattern);
  if (len == 0)
    return false;

  if (pattern[len - 1] == '/') {
    /* "/a/" matches "/a" and anything under it */
    len--;
    if (strncmp(pattern, matched, len) != 0)
      return false;
    return len == matched_len || (matched_len > len && matched[len] == '/');
  }
  if (pattern[len - 1] == '*')
    /* a pattern ending in a star: any URL starting with what precedes the star */
    return strncmp(pattern, matched, len - 1) == 0;
  return strcmp(pattern, matched) == 0;
}

char *find_key_value(char *buffer, int buffer_len, char *key, char *value, int value_len,
                     char delimiter) {
  char *p = buffer;
  char *end = buffer + buffer_len;
  int key_len = (int)strlen(key);

  while (p < end && *p != 0) {
    while (p < end && (*p == ' ' || *p == delimiter))
      p++;
    if (end - p <= key_len)
      return NULL;
    if (strncmp(p, key, key_len) == 0 && p[key_len] == '=') {
      char *v = value;
      p += key_len + 1;
      memset(value, 0, value_len);
      /* keep the last byte for the NUL */
      while (p < end && *p != delimiter && *p != 0 && v < value + value_len - 1)
        *v++ = *p++;
      return value;
    }
    while (p < end && *p != delimiter && *p != 0)
      p++;
  }
  return NULL;
}
