function ( {
  var s = "unterminated;
