(function ($) {
  'use strict';

  function getParam(name) {
    var match = new RegExp('[?&]' + name + '=([^&#]*)').exec(window.location.search);
    return match ? decodeURIComponent(match[1].replace(/\+/g, ' ')) : null;
  }

  function showBanner(text) {
    $('#search-banner').html('Showing results for <em>' + text + '</em>').show(); //@vuln CWE-79
  }

  function showCount(n, q) {
    $('#result-count').text(n + ' results for "' + q + '"'); //@safe
  }

  $(function () {
    var q = getParam('q');
    if (q) {
      showBanner(q);
      showCount($('.result').length, q);
    }

    $('#preview-btn').on('click', function (e) {
      e.preventDefault();
      $.post('/threads/preview', $('#reply-form').serialize(), function (html) {
        $('#preview').html(html);
      });
    });

    var anchor = window.location.hash.slice(1);
    if (anchor && anchor !== 'latest') {
      $('#jump-note').append('<a href="#' + anchor + '">Back to ' + decodeURIComponent(anchor) + '</a>'); //@vuln CWE-79
    }
  });
})(jQuery);
