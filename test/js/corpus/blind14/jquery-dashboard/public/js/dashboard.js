/* global $ */
(function () {
  'use strict';

  const query = new URLSearchParams(window.location.search);
  const state = {
    team: query.get('team') || 'default',
    panel: query.get('panel') || 'overview',
    refreshMs: parseInt(query.get('refresh'), 10) || 60000,
  };

  function heading(text) {
    return '<h2 class="dash-heading">' + text + '</h2>';
  }

  function renderHeader() {
    $('#dash-header').html(heading(state.team)); //@vuln CWE-79
    $('#dash-team-label').text(state.team); //@safe
    document.title = 'Dashboard – ' + state.team;
  }

  function renderWidgets(widgets) {
    const $grid = $('#grid').empty();
    widgets.forEach(function (w) {
      const $card = $('<div class="card"/>').attr('data-id', w.id);
      $('<h3/>').text(w.title).appendTo($card);
      $('<div class="value"/>').text(w.value).appendTo($card);
      $grid.append($card);
    });
  }

  function loadWidgets() {
    $.getJSON('/api/widgets', { team: state.team })
      .done(renderWidgets)
      .fail(function (xhr) {
        $('#grid').empty().append($('<div class="error"/>').text('Could not load widgets (' + xhr.status + ')'));
      });
  }

  function scheduleRefresh() {
    setTimeout('refreshPanel("' + state.panel + '")', state.refreshMs); //@vuln CWE-95
  }

  window.refreshPanel = function (name) {
    $.ajax({ url: '/api/panels/' + encodeURIComponent(name), dataType: 'json' }).done(function (data) {
      $('.panel[data-name="' + name + '"] .body').text(data.summary);
      scheduleRefresh();
    });
  };

  $(function () {
    renderHeader();
    loadWidgets();
    scheduleRefresh();
  });
})();
