// Prometheus durations ('90s', '15m', '1h', '14d') as seconds and back, so that _config can
// derive one duration from others (the `for:` of an alert from the probe intervals).
local units = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

{
  seconds(text)::
    local unit = text[std.length(text) - 1];
    assert std.objectHas(units, unit) : 'duration %s must end in one of s, m, h, d, w' % text;
    std.parseInt(std.substr(text, 0, std.length(text) - 1)) * units[unit],

  // The shortest text: 1020 -> '17m', 86400 -> '1d', 90 -> '90s'.
  text(seconds)::
    local whole = [u for u in ['w', 'd', 'h', 'm'] if seconds % units[u] == 0];
    if seconds == 0 then '0s'
    else if std.length(whole) > 0 then '%d%s' % [seconds / units[whole[0]], whole[0]]
    else '%ds' % seconds,

  // The longer of a fixed wait and `n` answers of an answer that changes every `interval` plus
  // `slack`: a condition seen on one answer only is gone before the wait ends.
  atLeast(wait, answers, interval, slack)::
    $.text(std.max($.seconds(wait), answers * $.seconds(interval) + $.seconds(slack))),
}
